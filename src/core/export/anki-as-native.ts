// An Anki note as the nearest native note: its cloze text or its front, and every other field kept under its own name.
import type { NoteTypeRecord } from '../collection/types';

export interface NativeFields {
  type: 'basic' | 'cloze';
  fields: Record<string, string>;
}

/** A field name as heading text: Anki allows characters Markdown would read as markup. */
function headingText(name: string): string {
  return name.replace(/[\\`*_[\]<>$&|~#]/g, (char) => `\\${char}`);
}

/**
 * One native field holding several: `first` as it is, then each named field under a `#### Name`
 * heading (level 4: `##` and `###` start cards and fields in a deck file). Empty fields are left out.
 */
export function fieldSections(first: string, named: [string, string][]): string {
  const sections = named.filter(([, value]) => value.trim()).map(([name, value]) => `#### ${headingText(name)}\n\n${value}`);
  return [first, ...sections].filter((part) => part.trim()).join('\n\n');
}

/** The field a cloze type's templates fill with `{{cloze:Field}}`. */
function clozeFieldOf(noteType: NoteTypeRecord | undefined): string | null {
  for (const template of noteType?.templates ?? []) {
    const match = /\{\{(?:[^}]*:)?cloze:([^}]+)\}\}/.exec(template.front);
    if (match) return match[1]!.trim();
  }
  return null;
}

const EXTRA = /^(back )?extra$/i;

/**
 * Anki's note types are not part of the native format, so a note becomes a cloze note (a cloze
 * type: Text is the field its template deletes from, Extra an "Extra"/"Back Extra" field) or a
 * basic one (Front the first field, Back the second). Nothing is dropped: every other non-empty
 * field follows in Extra or Back under its name, and a field named Source stays the Source.
 * `fields` are Markdown already.
 */
export function ankiAsNative(noteType: NoteTypeRecord | undefined, fields: Record<string, string>): NativeFields {
  // A field the note holds beyond its type's list is kept too.
  const names = [...new Set([...(noteType?.fields ?? []), ...Object.keys(fields)])];
  const value = (name: string | undefined) => (name === undefined ? '' : (fields[name] ?? ''));
  const source = names.find((name) => /^source$/i.test(name));
  const rest = (taken: (string | undefined)[]) => names.filter((name) => !taken.includes(name)).map((name): [string, string] => [name, value(name)]);
  const withSource = (native: Record<string, string>) => (source && value(source).trim() ? { ...native, Source: value(source) } : native);
  if (noteType?.kind === 'cloze') {
    const named = clozeFieldOf(noteType);
    const text = named && names.includes(named) ? named : (names.find((name) => /\{\{c\d/.test(value(name))) ?? names[0]);
    const extra = names.find((name) => name !== text && EXTRA.test(name));
    return { type: 'cloze', fields: withSource({ Text: value(text), Extra: fieldSections(value(extra), rest([text, extra, source])) }) };
  }
  const [front, back] = names;
  return { type: 'basic', fields: withSource({ Front: value(front), Back: fieldSections(value(back), rest([front, back, source])) }) };
}
