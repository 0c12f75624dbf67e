// What each card shows: the question and answer sides of a note's card, as untrusted HTML.
import type { NoteRecord, NoteTypeRecord } from '../collection/types';
import { renderAnkiCard } from './anki-template';
import { renderClozeSide, type ClozeStyle } from '../notes/cloze';
import { parseKeyPoints } from '../notes/key-points';
import { storyPoints } from '../notes/story';
import { findMath, insideMath } from './math-spans';
import { ankiMathOffsets, renderAnkiMarkup } from './anki-markup';
import { formulaDrawer, type FormulaDrawer } from './formula-drawer';
import { renderMarkdown } from './markdown';
import { escapeHtml } from './tex';

export interface CardSides {
  front: string;
  back: string;
  keyPoints?: string[];
}

const ANSWER_RULE = '<hr id="answer">';

/** Cloze marks: a bracket on the front, a highlighted answer on the back; LaTeX forms inside formulas. */
const clozeStyle: ClozeStyle = {
  hidden: (hint, inMath) => {
    if (inMath) return hint ? `{\\color{#2563eb}[\\text{${hint.replace(/[{}\\]/g, '')}}]}` : '{\\color{#2563eb}[\\ldots]}';
    return `<span class="cloze">[${hint ? escapeHtml(hint) : '…'}]</span>`;
  },
  revealed: (answer, inMath) => (inMath ? `{\\color{#2563eb}{${answer}}}` : `<span class="cloze revealed">${answer}</span>`),
};

export interface CardContext {
  /** The Anki note type of an `anki` note. */
  noteType?: NoteTypeRecord;
  deckName?: string;
}

export function renderCard(note: NoteRecord, ord: number, context: CardContext = {}): CardSides {
  const f = note.fields;
  // Fields imported as HTML are HTML already, with Anki's markup (MathJax, [latex], [sound:]).
  const html = note.format === 'html';
  // Formulas are drawn within one drawer's limits per side; a back that shows the front shares the
  // front's, so the side as a whole stays within them.
  const frontDrawer = formulaDrawer();
  const render = (text: string, drawer = frontDrawer) => (html ? renderAnkiMarkup(text, drawer) : renderMarkdown(text, drawer));
  const source = (drawer?: FormulaDrawer) => {
    const text = (f.Source ?? '').trim();
    return text ? `<div class="source">Source: ${render(text, drawer)}</div>` : '';
  };
  const extra = (value: string | undefined, drawer?: FormulaDrawer) => {
    const text = (value ?? '').trim();
    return text ? `<div class="extra">${render(text, drawer)}</div>` : '';
  };
  switch (note.type) {
    case 'anki': {
      if (!context.noteType) {
        const missing = '<div class="template-error">This note’s Anki note type is missing from the collection.</div>';
        return { front: missing, back: missing };
      }
      return renderAnkiCard({ noteType: context.noteType, fields: f, ord, tags: note.tags, deckName: context.deckName ?? '' });
    }
    case 'basic':
    case 'reverse': {
      const [question, answer] = note.type === 'reverse' && ord === 2 ? [f.Back, f.Front] : [f.Front, f.Back];
      const front = render(question ?? '');
      return { front, back: `${front}${ANSWER_RULE}${render(answer ?? '')}${source()}` };
    }
    case 'cloze': {
      const text = f.Text ?? '';
      const isMath = html ? ankiMathOffsets(text) : insideMath(findMath(text));
      const front = render(renderClozeSide(text, ord, 'front', clozeStyle, isMath));
      const backDrawer = formulaDrawer();
      const back = render(renderClozeSide(text, ord, 'back', clozeStyle, isMath), backDrawer);
      return { front, back: `${back}${extra(f.Extra, backDrawer)}${source(backDrawer)}` };
    }
    case 'keypoints': {
      const front = render(f.Question ?? '');
      const keyPoints = parseKeyPoints(f.Points ?? '').map((point) => render(point));
      return { front, back: `${front}${ANSWER_RULE}${extra(f.Notes)}${source()}`, keyPoints };
    }
    case 'story': {
      // The learner's own points are ticked like key points, each labelled with its part; the
      // project is said above them, and the guidance follows them (`after-points`), before the Source.
      const front = render(f.Prompt ?? '');
      const points = storyPoints(f);
      const project = (f.Project ?? '').trim();
      const projectLine = project ? `<div class="story-project">Project: ${render(project)}</div>` : '';
      const waiting = points.length === 0 ? '<p class="story-waiting">No story yet: write your Situation, Task, Action, Result and evidence to study this prompt.</p>' : '';
      const guidanceText = (f.Guidance ?? '').trim();
      const guidance = guidanceText ? `<div class="extra story-guidance after-points"><p class="story-guidance-title">What a strong answer shows</p>${render(guidanceText)}</div>` : '';
      const back = `${front}${ANSWER_RULE}${projectLine}${waiting}${guidance}${source()}`;
      if (points.length === 0) return { front, back };
      const keyPoints = points.map((point) => `<span class="story-part">${point.part}</span>${render(point.text)}`);
      return { front, back, keyPoints };
    }
  }
}
