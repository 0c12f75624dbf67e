// Notes that ask the same question: what the editor warns about and the deck checks refuse.
import type { Collection } from '../collection/collection';
import type { NoteRecord } from '../collection/types';
import { replaceUntil } from '../text/replace-until';
import { questionText } from './question-text';

/** The question with case, spacing, punctuation and markup set aside, so rewording of those does not hide a duplicate. */
export function questionKey(text: string): string {
  const withoutClozes = text.toLowerCase().replace(/\{\{c\d+(?:,\d+)*::/g, '');
  return replaceUntil(withoutClozes, '<', '>', ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function duplicatesOf(col: Collection, note: NoteRecord, limit = 5): NoteRecord[] {
  const key = questionKey(questionText(note, 1, 10_000));
  if (!key) return [];
  const found: NoteRecord[] = [];
  for (const other of col.notes.values()) {
    if (other.id === note.id || other.type !== note.type) continue;
    if (questionKey(questionText(other, 1, 10_000)) === key) {
      found.push(other);
      if (found.length >= limit) break;
    }
  }
  return found;
}
