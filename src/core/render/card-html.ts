// What each card shows: the question and answer sides of a note's card, as untrusted HTML.
import type { NoteRecord } from '../collection/types';
import { renderClozeSide, type ClozeStyle } from '../notes/cloze';
import { parseKeyPoints } from '../notes/key-points';
import { findMath, insideMath } from './math-spans';
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

function source(note: NoteRecord): string {
  const text = (note.fields.Source ?? '').trim();
  return text ? `<div class="source">${renderMarkdown(`Source: ${text}`)}</div>` : '';
}

function extra(markdownText: string | undefined): string {
  const text = (markdownText ?? '').trim();
  return text ? `<div class="extra">${renderMarkdown(text)}</div>` : '';
}

export function renderCard(note: NoteRecord, ord: number): CardSides {
  const f = note.fields;
  switch (note.type) {
    case 'basic':
    case 'reverse': {
      const [question, answer] = note.type === 'reverse' && ord === 2 ? [f.Back, f.Front] : [f.Front, f.Back];
      const front = renderMarkdown(question ?? '');
      return { front, back: `${front}${ANSWER_RULE}${renderMarkdown(answer ?? '')}${source(note)}` };
    }
    case 'cloze': {
      const text = f.Text ?? '';
      const isMath = insideMath(findMath(text));
      const front = renderMarkdown(renderClozeSide(text, ord, 'front', clozeStyle, isMath));
      const back = renderMarkdown(renderClozeSide(text, ord, 'back', clozeStyle, isMath));
      return { front, back: `${back}${extra(f.Extra)}${source(note)}` };
    }
    case 'keypoints': {
      const front = renderMarkdown(f.Question ?? '');
      const keyPoints = parseKeyPoints(f.Points ?? '').map(renderMarkdown);
      return { front, back: `${front}${ANSWER_RULE}${extra(f.Notes)}${source(note)}`, keyPoints };
    }
  }
}
