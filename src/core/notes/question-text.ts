// A card's question as one line of plain text, for lists, the CLI and search results.
import type { NoteRecord, NoteTypeRecord } from '../collection/types';
import { renderClozeSide } from './cloze';
import { NOTE_TYPES } from './note-types';
import { plainQuestion } from './question-markup';

const plainCloze = {
  hidden: (hint: string | null) => `[${hint ?? '…'}]`,
  revealed: (answer: string) => answer,
};

function clozeFront(text: string, ord: number): string {
  try {
    return renderClozeSide(text, ord, 'front', plainCloze, () => false);
  } catch {
    return text;
  }
}

/** Markup removed, formulas kept as their TeX, whitespace folded, cut to `max` characters. */
export function questionText(note: NoteRecord, ord: number, max = 120, noteType?: NoteTypeRecord): string {
  let text: string;
  if (note.type === 'anki') {
    // The note type's first field stands for the question (Anki's sort field is usually the first);
    // for a cloze note type, the first field that holds deletions, with this card's hidden.
    const names = noteType?.fields ?? Object.keys(note.fields);
    const clozeField = noteType?.kind === 'cloze' ? names.find((name) => /\{\{c\d/.test(note.fields[name] ?? '')) : undefined;
    text = clozeField ? clozeFront(note.fields[clozeField]!, ord) : (note.fields[names[0] ?? ''] ?? '');
  } else if (note.type === 'cloze') {
    text = clozeFront(note.fields.Text ?? '', ord);
  } else if (note.type === 'reverse' && ord === 2) {
    text = note.fields.Back ?? '';
  } else {
    text = note.fields[NOTE_TYPES[note.type].questionField] ?? '';
  }
  return plainQuestion(text, max);
}
