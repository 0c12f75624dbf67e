// A note as the deck format reads it back: its text in the form the format holds, and a form that still imports for a note the format cannot hold as it is.
import { deckSlug, parseDeck, type DeckHeader, type ParsedNote } from '../deck-format/parse';
import { serializeDeck } from '../deck-format/serialize';
import { NOTE_TYPES, noteProblem } from '../notes/note-types';
import { fieldSections } from './anki-as-native';

export type NoteToWrite = Omit<ParsedNote, 'line'>;

export interface WrittenNote {
  /** What the file holds, exactly as an import reads it back; null when the note could not be written. */
  note: NoteToWrite | null;
  /** How that differs from the collection's note, in words; empty when it does not. */
  changes: string[];
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
/** A line that closes `fence`, as the deck parser reads it. */
const closes = (line: string, fence: string) => {
  const match = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
  return match !== null && match[1]![0] === fence[0] && match[1]!.length >= fence.length;
};

/**
 * Field text as the deck format gives it back, meaning unchanged: lines end with `\n`, trailing
 * spaces go (the parser drops them), so a line break written as two trailing spaces becomes a
 * backslash, which CommonMark reads the same; blank lines around the text go.
 */
export function asTheFormatHoldsIt(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let fence: string | null = null;
  const held = lines.map((line, i) => {
    const trimmed = line.replace(/\s+$/, '');
    if (fence !== null) {
      if (closes(line, fence)) fence = null;
      return trimmed;
    }
    const open = FENCE.exec(line);
    if (open) fence = open[1]!;
    else if (/ {2,}$/.test(line) && /[^\\\s]$/.test(trimmed) && (lines[i + 1] ?? '').trim() !== '') return `${trimmed}\\`;
    return trimmed;
  });
  let start = 0;
  let end = held.length;
  while (start < end && held[start] === '') start++;
  while (end > start && held[end - 1] === '') end--;
  return held.slice(start, end).join('\n');
}

/** The text with a closing line added for a code block it leaves open, which would swallow every field and card after it. */
function closeCodeBlock(text: string): string {
  let fence: string | null = null;
  for (const line of text.split('\n')) {
    if (fence !== null) {
      if (closes(line, fence)) fence = null;
    } else fence = FENCE.exec(line)?.[1] ?? null;
  }
  return fence === null ? text : `${text}\n${fence[0]!.repeat(fence.length)}`;
}

/** Tags as the format holds them: commas separate tags there, and a tag has at most 200 characters. */
function formatTags(tags: string[]): string[] {
  return [...new Set(tags.flatMap((tag) => tag.split(',')).filter((tag) => tag.length > 0 && tag.length <= 200 && !/\s/.test(tag)))];
}

/** A note as a basic one holding the same text: its question in front, its other fields behind, each under its name. */
function asBasic(note: NoteToWrite): NoteToWrite {
  const spec = NOTE_TYPES[note.type];
  const filled = Object.entries(note.fields).filter(([, value]) => value.trim());
  const front = filled.find(([name]) => name === spec.questionField) ?? filled.find(([name]) => name !== 'Source');
  const others = filled.filter((entry) => entry !== front && entry[0] !== 'Source');
  const back = others.find(([name]) => name === 'Back' || name === 'Extra');
  const source: Record<string, string> = note.fields.Source?.trim() ? { Source: note.fields.Source } : {};
  const backText = fieldSections(back?.[1] ?? '', others.filter((entry) => entry !== back));
  return { id: note.id, type: 'basic', tags: note.tags, fields: { Front: front?.[1] ?? '(empty)', Back: backText || '(empty)', ...source } };
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((value, i) => value === b[i]);

/** Whether the deck parser, given this note in a file with this header, reads back exactly this note. */
function readsBack(note: NoteToWrite, header: DeckHeader): boolean {
  const parsed = parseDeck(serializeDeck({ header, notes: [{ ...note, line: 0 }] }));
  if (!parsed.ok || parsed.deck.notes.length !== 1) return false;
  const back = parsed.deck.notes[0]!;
  const written = Object.entries(note.fields).filter(([, value]) => value !== '');
  return (
    back.id === note.id &&
    back.type === note.type &&
    sameList(back.tags, note.tags) &&
    written.length === Object.keys(back.fields).length &&
    written.every(([name, value]) => back.fields[name] === value)
  );
}

/**
 * The note as it will be written. Its text is put in the form the format holds (same meaning);
 * then, for a note the format cannot hold as it is, the nearest form that imports, each said in
 * `changes`: tags split at commas, a code block left open closed, an empty required field of a
 * basic note written "(empty)", any other invalid note (a cloze note without a deletion
 * Interleave reads, as Anki allows) written as a basic note holding the same text. A note that
 * still would not read back is left out rather than make the whole file refuse to import.
 */
export function writtenNote(note: NoteToWrite, header: DeckHeader): WrittenNote {
  const changes: string[] = [];
  const tags = formatTags(note.tags);
  if (!sameList(tags, note.tags)) changes.push(`its tags “${note.tags.join(' ')}” are written as “${tags.join(' ')}” (a tag there has no comma and at most 200 characters)`);
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(note.fields)) {
    const held = asTheFormatHoldsIt(value);
    const closed = closeCodeBlock(held);
    if (closed !== held) changes.push(`a code block in its ${name} is never closed: it is closed at the end of the field`);
    if (closed) fields[name] = closed;
  }
  let written: NoteToWrite = { id: note.id, type: note.type, tags, fields };
  const problem = noteProblem(written.type, fields);
  if (problem) {
    const spec = NOTE_TYPES[written.type];
    const empty = spec.required.filter((name) => !(fields[name] ?? '').trim());
    const filled = { ...fields, ...Object.fromEntries(empty.map((name) => [name, '(empty)'])) };
    if ((written.type === 'basic' || written.type === 'reverse') && empty.length > 0 && !noteProblem(written.type, filled)) {
      written = { ...written, fields: filled };
      changes.push(`its ${empty.join(' and ')} ${empty.length > 1 ? 'were' : 'was'} empty, which a ${spec.name} note cannot be: written as “(empty)”`);
    } else {
      written = asBasic(written);
      changes.push(`${problem.problem}: written as a basic note holding the same text`);
    }
  }
  if (!readsBack(written, header)) return { note: null, changes: [...changes, 'the format cannot hold it: left out of the file (a backup keeps it)'] };
  return { note: written, changes };
}

/**
 * The deck's header as the format reads it back, or the nearest one that does: without its
 * description (one plain line there), then with its name's empty levels dropped and the slug of
 * its name as its id.
 */
export function writtenHeader(header: DeckHeader): { header: DeckHeader; change: string | null } {
  const wanted = { ...header, description: header.description.replace(/\s*\n\s*/g, ' ').trim() };
  const name = header.name
    .split('::')
    .map((part) => part.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('::');
  const candidates: DeckHeader[] = [wanted, { ...wanted, description: '' }, { name, id: deckSlug(name), description: '', preset: header.preset }, { name: 'Deck', id: 'deck', description: '', preset: null }];
  const readsBack = (candidate: DeckHeader) => {
    const parsed = parseDeck(serializeDeck({ header: candidate, notes: [] }));
    const back = parsed.ok ? parsed.deck.header : null;
    return back !== null && back.name === candidate.name && back.id === candidate.id && back.description === candidate.description && back.preset === candidate.preset;
  };
  const chosen = candidates.find(readsBack) ?? candidates[3]!;
  if (chosen === wanted) return { header: wanted, change: null };
  if (chosen === candidates[1]) return { header: chosen, change: `the description of deck “${header.name}” is left out: the format cannot hold it as it is` };
  return { header: chosen, change: `deck “${header.name}” (id ${header.id}) is written as “${chosen.name}” (id ${chosen.id}), which the format can hold` };
}
