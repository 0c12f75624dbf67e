// A note's fields as search reads them: markup gone, case folded, worked out once per version of the note.
import type { NoteRecord, NoteTypeRecord } from '../collection/types';
import { parseCloze, type Segment } from '../notes/cloze';
import { fieldNamesOf } from '../notes/note-types';
import { decodeEntities, stripHtml } from '../render/anki-markup';
import { replaceUntil } from '../text/replace-until';
import { linkTexts, withoutTagsAndComments } from './markup-scans';

export interface SearchableFields {
  /**
   * Field names, lowercased: the note type's, in order, then any others the note holds. Notes with
   * the same names share one array, so a query can work out which fields it reads once per array.
   */
  names: readonly string[];
  /** Each field's plain text, lowercased, whitespace folded; '' for a field the note leaves out. */
  values: readonly string[];
  /**
   * The values joined by U+001F, for free text: one look per note. A wildcard may then reach from
   * one field into the next, as in Anki, which searches the fields joined the same way.
   */
  text: string;
}

/**
 * What the cache keeps per note: the joined text, and the values cut from it only when a query
 * reads one field (most queries read the text whole). A note's values were an array and a string
 * view per field, kept for every note of the collection by the first search.
 */
class Entry implements SearchableFields {
  private cut: readonly string[] | null = null;

  constructor(
    readonly format: NoteRecord['format'],
    readonly noteType: NoteTypeRecord | undefined,
    readonly names: readonly string[],
    readonly text: string,
  ) {}

  get values(): readonly string[] {
    // The values are slices of the joined text, which engines keep without copying the characters.
    if (this.cut === null) {
      const values: string[] = [];
      for (let start = 0, i = 0; i < this.names.length; i++) {
        const end = this.text.indexOf('\u001f', start);
        values.push(this.text.slice(start, end < 0 ? this.text.length : end));
        start = end + 1;
      }
      this.cut = values;
    }
    return this.cut;
  }
}

/**
 * Keyed by the fields object: an edit or a reload gives a note a new one, so a stale entry is never
 * found and is dropped with its object. Searching as you type then strips markup once, not per key.
 */
const cache = new WeakMap<Record<string, string>, Entry>();
/** One array per distinct list of field names (a handful of note types), shared by their notes. */
const nameLists = new Map<string, readonly string[]>();

export function searchableFields(note: NoteRecord, noteType: NoteTypeRecord | undefined): SearchableFields {
  const known = cache.get(note.fields);
  if (known && known.format === note.format && known.noteType === noteType) return known;
  const fieldNames = fieldNamesOf(note, noteType);
  for (const name of Object.keys(note.fields)) if (!fieldNames.includes(name)) fieldNames.push(name);
  const lowered = fieldNames.map((name) => name.toLowerCase());
  const key = lowered.join('\u0000');
  let names = nameLists.get(key);
  if (!names) {
    names = lowered;
    if (nameLists.size < 10_000) nameLists.set(key, names);
  }
  const html = note.format === 'html';
  const text = fieldNames.map((name) => searchableText(note.fields[name] ?? '', html)).join('\u001f');
  const entry = new Entry(note.format, noteType, names, text);
  cache.set(note.fields, entry);
  return entry;
}

// The start of a tag that ends a line of text: `<br>`, `</div>`, `</p>`, `</li>`, `</td>` …
const LINE_BREAKING_TAG = /<(?:br|\/(?:div|p|li|tr|td|th|h[1-6]))\b/gi;

/**
 * A field's text without markup, lowercased: cloze deletions by their answers (hints at the end),
 * HTML tags gone and entities decoded, Markdown emphasis, code marks, link targets, list and heading
 * marks gone, formula delimiters gone with the TeX inside kept, whitespace folded. So `**exa**mple`
 * is found as "example", as Anki finds `<b>exa</b>mple` once HTML is stripped.
 */
export function searchableText(text: string, html = false): string {
  const marks = markupIn(text);
  let plain = text;
  if (marks & CLOZE && plain.includes('{{c')) plain = withoutClozes(plain);
  if (html) {
    if (marks & TAG) plain = replaceUntil(plain, LINE_BREAKING_TAG, '>', ' '); // lines stay apart
    if (marks & (TAG | ENTITY)) plain = stripHtml(plain);
  } else {
    // Only what looks like a tag: a Markdown formula may well hold `a < b` and `c > d`.
    if (marks & TAG) plain = withoutTagsAndComments(plain);
    if (marks & ENTITY) plain = decodeEntities(plain);
    if (marks & MARKDOWN) plain = withoutMarkdown(plain, marks);
  }
  if (marks & MATH) plain = plain.replace(/\$\$?|\\[()[\]]/g, '');
  if (marks & SPACING) plain = plain.replace(/\s+/g, ' ').trim();
  return plain.toLowerCase();
}

// What a field holds that needs work, found in one pass over it: most fields need only a few steps,
// and the first search reads every field of the collection.
const CLOZE = 1;
const TAG = 2;
const ENTITY = 4;
const MATH = 8;
const MARKDOWN = 16;
const LINES = 32;
const SPACING = 64;

function markupIn(text: string): number {
  let marks = 0;
  let previous = 32; // as if a space came before: a leading space is spacing to fold
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    switch (code) {
      case 123: // {
        marks |= CLOZE | SPACING; // hints join the text with a space
        break;
      case 60: // <
        marks |= TAG | SPACING; // a tag becomes a space
        break;
      case 38: // &
        marks |= ENTITY | SPACING; // &nbsp; becomes a space
        break;
      case 36: // $
      case 92: // backslash
        marks |= MATH;
        break;
      case 42: // *
      case 96: // `
      case 126: // ~
      case 95: // _
      case 93: // ]
        marks |= MARKDOWN;
        break;
      case 10: // a new line may start a list item, a heading or a quote
        marks |= SPACING | LINES | MARKDOWN;
        break;
      case 32:
        if (previous === 32) marks |= SPACING;
        break;
      default:
        if (code < 32 || (code > 127 && /\s/.test(text[i]!))) marks |= SPACING;
    }
    previous = code;
  }
  if (previous === 32) marks |= SPACING;
  // The first line may start with a list, heading or quote mark too.
  if (/^[ \t]*[#>*+\d-]/.test(text)) marks |= LINES | MARKDOWN;
  return marks;
}

function withoutClozes(text: string): string {
  let segments: Segment[];
  try {
    segments = parseCloze(text);
  } catch {
    return text;
  }
  const hints: string[] = [];
  const flatten = (list: Segment[]): string =>
    list
      .map((segment) => {
        if (typeof segment === 'string') return segment;
        if (segment.hint) hints.push(segment.hint);
        return flatten(segment.content);
      })
      .join('');
  const answers = flatten(segments);
  return hints.length ? `${answers} ${hints.join(' ')}` : answers;
}

function withoutMarkdown(text: string, marks: number): string {
  let plain = text;
  // Fences and their language word: the code itself stays searchable.
  if (plain.includes('```') || plain.includes('~~~')) plain = plain.replace(/^[ \t]*(?:```|~~~)[^\n]*$/gm, ' ');
  if (plain.includes('](')) plain = linkTexts(plain);
  if (marks & LINES) plain = plain.replace(/^[ \t]*(?:#{1,6}[ \t]+|>+[ \t]?|(?:[-+*]|\d+[.)])[ \t]+)/gm, '');
  // `*` is a wildcard in a search anyway; `_` is not removed alone, as in x_i.
  if (plain.includes('*') || plain.includes('`') || plain.includes('__') || plain.includes('~~')) plain = plain.replace(/\*+|__+|~~|`+/g, '');
  return plain;
}
