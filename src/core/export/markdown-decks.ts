// The collection as native deck files: one Markdown file per deck, re-importable with the same ids.
import type { Collection } from '../collection/collection';
import { subtreeIds } from '../collection/deck-tree';
import type { NoteRecord } from '../collection/types';
import { deckSlug, NOTE_ID, type ParsedDeck, type ParsedNote } from '../deck-format/parse';
import { serializeDeck } from '../deck-format/serialize';
import { contentHash } from '../collection/content-hash';
import { noteProblem } from '../notes/note-types';

export interface ExportedFile {
  name: string;
  text: string;
}

/** Turns a field's HTML (an Anki note's) into the Markdown the native format holds. */
export type HtmlToMarkdown = (html: string) => string;

/**
 * Native notes keep their ids, types and fields. Notes imported from Anki (or with ids the format
 * cannot hold) get a valid id derived from their identity, their HTML becomes Markdown
 * (`htmlToMarkdown`), and an Anki note type becomes the nearest native type (cloze, or basic from
 * its first two fields); each such change is reported. Every note is written so that it reads back:
 * one the format cannot hold as it is (a cloze note without a deletion Interleave reads, as Anki
 * allows) is written as a basic note holding the same text, and named in the messages.
 */
export function exportMarkdownDecks(col: Collection, deckId?: string, htmlToMarkdown: HtmlToMarkdown = (html) => html): { files: ExportedFile[]; messages: string[] } {
  const deckIds = deckId ? subtreeIds(col, deckId) : [...col.decks.keys()];
  const messages: string[] = [];
  const files: ExportedFile[] = [];
  const usedNames = new Set<string>();
  let converted = 0;
  const rewritten: string[] = [];
  for (const id of deckIds) {
    const deck = col.decks.get(id);
    if (!deck) continue;
    const notes: ParsedNote[] = [];
    for (const note of col.notes.values()) {
      if (note.deckId !== id) continue;
      const native = toNative(col, note, htmlToMarkdown);
      if (native.converted) converted++;
      const problem = noteProblem(native.note.type, native.note.fields);
      if (problem) {
        rewritten.push(`${native.note.id} (${problem.problem})`);
        notes.push({ ...asBasic(native.note), line: 0 });
      } else notes.push({ ...native.note, line: 0 });
    }
    if (notes.length === 0 && !deckId) continue;
    const parsed: ParsedDeck = { header: { name: deck.name, id: deck.id, description: deck.description, preset: deck.presetId === 'default' ? null : deck.presetId }, notes };
    let name = `${deckSlug(deck.name)}.md`;
    while (usedNames.has(name)) name = name.replace(/\.md$/, '-2.md');
    usedNames.add(name);
    files.push({ name, text: serializeDeck(parsed) });
  }
  if (converted > 0) messages.push(`${converted} note(s) imported from Anki were written as native basic or cloze notes (their Anki templates are not part of this format; use the backup or Anki export to keep them)`);
  if (rewritten.length > 0) {
    const shown = rewritten.slice(0, 10).join('; ');
    messages.push(`${rewritten.length} note(s) the format cannot hold as they are were written as basic notes with the same text, so that the file still imports: ${shown}${rewritten.length > 10 ? `; and ${rewritten.length - 10} more` : ''}`);
  }
  return { files, messages };
}

/** A note as a basic one: its first non-empty field in front, the rest behind. */
function asBasic(note: Omit<ParsedNote, 'line'>): Omit<ParsedNote, 'line'> {
  const values = Object.values(note.fields).filter((value) => value.trim());
  return { id: note.id, type: 'basic', tags: note.tags, fields: { Front: values[0] ?? '(empty)', Back: values.slice(1).join('\n\n') || '(empty)' } };
}

function toNative(col: Collection, note: NoteRecord, htmlToMarkdown: HtmlToMarkdown): { note: Omit<ParsedNote, 'line'>; converted: boolean } {
  const id = NOTE_ID.test(note.id) ? note.id : `imported-${contentHash(note.id).slice(0, 12)}`;
  const markdown = (value: string) => (note.format === 'html' ? htmlToMarkdown(value) : value);
  if (note.type !== 'anki') {
    const fields = Object.fromEntries(Object.entries(note.fields).map(([name, value]) => [name, markdown(value)]));
    return { note: { id, type: note.type, tags: note.tags, fields }, converted: false };
  }
  const type = note.noteTypeId ? col.noteTypes.get(note.noteTypeId) : undefined;
  const names = type?.fields ?? Object.keys(note.fields);
  const values = names.map((name) => markdown(note.fields[name] ?? ''));
  if (type?.kind === 'cloze') {
    const textIndex = Math.max(0, values.findIndex((value) => /\{\{c\d/.test(value)));
    const extra = values.filter((_, i) => i !== textIndex).find((value) => value.trim()) ?? '';
    return { note: { id, type: 'cloze', tags: note.tags, fields: { Text: values[textIndex] ?? '', ...(extra ? { Extra: extra } : {}) } }, converted: true };
  }
  return { note: { id, type: 'basic', tags: note.tags, fields: { Front: values[0] || '(empty)', Back: values.slice(1).filter((v) => v.trim()).join('\n\n') || '(empty)' } }, converted: true };
}
