// Notes as Anki's "Notes in Plain Text": a table Anki, spreadsheets and Interleave all read back.
import Papa from 'papaparse';
import type { Collection } from '../collection/collection';
import { subtreeIds } from '../collection/deck-tree';
import { fieldNamesOf } from '../notes/note-types';

const ANKI_TYPE = { basic: 'Basic', reverse: 'Basic (and reversed card)', cloze: 'Cloze', keypoints: 'Key points', story: 'Story' } as const;

/**
 * One row per note: guid (the note id), note type, deck, then its fields in order, then tags. The
 * `#` headers tell Anki and our own importer which column is which; fields are HTML for Anki notes
 * and Markdown for native ones, so `#html` follows what the notes are.
 */
export function exportDelimited(col: Collection, separator: ',' | '\t', deckId?: string): string {
  const deckIds = new Set(deckId ? subtreeIds(col, deckId) : col.decks.keys());
  const notes = [...col.notes.values()].filter((note) => deckIds.has(note.deckId));
  const width = Math.max(2, ...notes.map((note) => fieldNamesOf(note, note.noteTypeId ? col.noteTypes.get(note.noteTypeId) : undefined).length));
  const rows = notes.map((note) => {
    const type = note.noteTypeId ? col.noteTypes.get(note.noteTypeId) : undefined;
    const values = fieldNamesOf(note, type).map((name) => note.fields[name] ?? '');
    while (values.length < width) values.push('');
    return [note.id, note.type === 'anki' ? (type?.name ?? 'Basic') : ANKI_TYPE[note.type], col.decks.get(note.deckId)?.name ?? 'Default', ...values, note.tags.join(' ')];
  });
  const html = notes.some((note) => note.format === 'html');
  const headers = [
    `#separator:${separator === '\t' ? 'tab' : 'comma'}`,
    `#html:${html}`,
    '#guid column:1',
    '#notetype column:2',
    '#deck column:3',
    `#tags column:${width + 4}`,
  ];
  return `${headers.join('\n')}\n${Papa.unparse(rows, { delimiter: separator, newline: '\n', quotes: (value) => typeof value === 'string' && /[\n"\t,]/.test(value) })}\n`;
}
