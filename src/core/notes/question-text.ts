// A card's question as one line of plain text, for lists, the CLI and search results.
import type { NoteRecord } from '../collection/types';
import { renderClozeSide } from './cloze';
import { NOTE_TYPES } from './note-types';

const plainCloze = {
  hidden: (hint: string | null) => `[${hint ?? '…'}]`,
  revealed: (answer: string) => answer,
};

/** Markup removed, formulas kept as their TeX, whitespace folded, cut to `max` characters. */
export function questionText(note: NoteRecord, ord: number, max = 120): string {
  let text: string;
  if (note.type === 'cloze') {
    try {
      text = renderClozeSide(note.fields.Text ?? '', ord, 'front', plainCloze, () => false);
    } catch {
      text = note.fields.Text ?? '';
    }
  } else if (note.type === 'reverse' && ord === 2) {
    text = note.fields.Back ?? '';
  } else {
    text = note.fields[NOTE_TYPES[note.type].questionField] ?? '';
  }
  const plain = text
    .replace(/```[^\n]*\n[\s\S]*?```/g, ' [code] ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(^|\s)[#>*-]+\s/g, '$1')
    .replace(/\*\*|__|`/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > max ? `${plain.slice(0, max - 1)}…` : plain;
}
