// The collection as native deck files: one Markdown file per deck, which the Markdown importer reads back note for note.
import type { Collection } from '../collection/collection';
import { contentHash } from '../collection/content-hash';
import { subtreeIds } from '../collection/deck-tree';
import type { NoteRecord } from '../collection/types';
import { deckSlug, NOTE_ID, type ParsedNote } from '../deck-format/parse';
import { serializeDeck } from '../deck-format/serialize';
import { NOTE_TYPES } from '../notes/note-types';
import { ankiAsNative } from './anki-as-native';
import { writtenHeader, writtenNote, type NoteToWrite } from './written-note';

export interface ExportedFile {
  name: string;
  text: string;
}

/** Turns a field's HTML (an Anki note's) into the Markdown the native format holds. */
export type HtmlToMarkdown = (html: string) => string;

export interface MarkdownExport {
  files: ExportedFile[];
  messages: string[];
  /** Each exported note's id in the collection -> its id in the files (the card heading). */
  ids: Map<string, string>;
}

/** Notes named one by one in the messages; past this many they are counted. */
const NAMED = 20;

/**
 * Native notes keep their ids, types and fields. Notes imported from Anki (or with ids the format
 * cannot hold) get a valid id derived from their identity, their HTML becomes Markdown
 * (`htmlToMarkdown`), and an Anki note type becomes the nearest native type (anki-as-native.ts).
 * Every note is written so that the Markdown importer reads back exactly what was written
 * (written-note.ts): one the format cannot hold as it is (a cloze note without a deletion
 * Interleave reads, as Anki allows) is written in the nearest form that imports, and named in the
 * messages with what was done and why.
 */
export function exportMarkdownDecks(col: Collection, deckId?: string, htmlToMarkdown: HtmlToMarkdown = (html) => html): MarkdownExport {
  const deckIds = deckId ? subtreeIds(col, deckId) : [...col.decks.keys()];
  const exported = new Set(deckIds);
  const ids = writtenIds(col, [...col.notes.values()].filter((note) => exported.has(note.deckId)));
  const messages: string[] = [];
  const changed: string[] = [];
  const files: ExportedFile[] = [];
  const usedNames = new Set<string>();
  let converted = 0;
  for (const id of deckIds) {
    const deck = col.decks.get(id);
    if (!deck) continue;
    const { header, change } = writtenHeader({ name: deck.name, id: deck.id, description: deck.description, preset: deck.presetId === 'default' ? null : deck.presetId });
    if (change) messages.push(change);
    const notes: ParsedNote[] = [];
    for (const note of col.notes.values()) {
      if (note.deckId !== id) continue;
      const native = toNative(col, note, htmlToMarkdown, ids.get(note.id)!);
      if (note.type === 'anki') converted++;
      const written = writtenNote(native.note, header);
      const changes = [...native.changes, ...written.changes];
      if (changes.length > 0) changed.push(`${native.note.id} (${opening(native.note)}): ${changes.join('; ')}`);
      if (written.note) notes.push({ ...written.note, line: 0 });
    }
    if (notes.length === 0 && !deckId) continue;
    let name = `${deckSlug(header.name)}.md`;
    while (usedNames.has(name)) name = name.replace(/\.md$/, '-2.md');
    usedNames.add(name);
    files.push({ name, text: serializeDeck({ header, notes }) });
  }
  if (converted > 0) {
    messages.push(
      `${converted} note(s) imported from Anki were written as native basic or cloze notes: their HTML as Markdown, and each field beyond the native ones under a “#### Name” heading in Back or Extra (their Anki templates and styling are not part of this format; use the backup or Anki export to keep them)`,
    );
  }
  for (const note of changed.slice(0, NAMED)) messages.push(`Written in another form so that the file still imports: ${note}`);
  if (changed.length > NAMED) messages.push(`${changed.length - NAMED} more note(s) were written in another form so that the file still imports`);
  return { files, messages, ids };
}

/** A note's opening words, to name it in a message beside its id. */
function opening(note: NoteToWrite): string {
  const spec = NOTE_TYPES[note.type];
  const text = (note.fields[spec.questionField] || Object.values(note.fields).find((value) => value.trim()) || '').replace(/\s+/g, ' ').trim();
  return `“${text.length > 72 ? `${text.slice(0, 72).trimEnd()}…` : text}”`;
}

/**
 * The id each note has in the files: its own where the format can hold it, else `imported-` and a
 * hash of its identity (an Anki guid), made longer or numbered in the rare case two coincide.
 */
function writtenIds(col: Collection, notes: NoteRecord[]): Map<string, string> {
  const taken = new Set([...col.notes.keys()].filter((id) => NOTE_ID.test(id)));
  const ids = new Map<string, string>();
  for (const note of notes) {
    if (NOTE_ID.test(note.id)) {
      ids.set(note.id, note.id);
      continue;
    }
    const hash = contentHash(note.id);
    let id = `imported-${hash.slice(0, 12)}`;
    if (taken.has(id)) id = `imported-${hash}`;
    for (let n = 2; taken.has(id); n++) id = `imported-${hash}-${n}`;
    taken.add(id);
    ids.set(note.id, id);
  }
  return ids;
}

function toNative(col: Collection, note: NoteRecord, htmlToMarkdown: HtmlToMarkdown, id: string): { note: NoteToWrite; changes: string[] } {
  const changes: string[] = [];
  const markdown = (name: string, value: string) => {
    if (note.format !== 'html' || value === '') return value;
    try {
      return htmlToMarkdown(value);
    } catch (error) {
      changes.push(`its ${name} could not be turned into Markdown (${(error as Error).message}): written as its HTML`);
      return value;
    }
  };
  const fields = Object.fromEntries(Object.entries(note.fields).map(([name, value]) => [name, markdown(name, value)]));
  if (note.type !== 'anki') return { note: { id, type: note.type, tags: note.tags, fields }, changes };
  const native = ankiAsNative(note.noteTypeId ? col.noteTypes.get(note.noteTypeId) : undefined, fields);
  return { note: { id, type: native.type, tags: note.tags, fields: native.fields }, changes };
}
