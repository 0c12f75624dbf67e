// What the note editor holds against what is saved, and what a change of note type carries over.

export interface Draft {
  fields: Record<string, string>;
  /** As typed: tags separated by spaces. */
  tags: string;
}

const tagList = (tags: string) => tags.split(/\s+/).filter(Boolean).join(' ');

/**
 * Whether leaving would lose something. A new note (`saved` null) is unsaved once any field holds
 * text; its tags alone do not count, since the Add screen keeps them for the next note on purpose.
 * An existing note is unsaved when a field or the set of tags differs from what was loaded.
 */
export function isUnsaved(draft: Draft, saved: Draft | null, names: readonly string[]): boolean {
  if (!saved) return names.some((name) => (draft.fields[name] ?? '').trim() !== '');
  if (tagList(draft.tags) !== tagList(saved.tags)) return true;
  return names.some((name) => (draft.fields[name] ?? '') !== (saved.fields[name] ?? ''));
}

/**
 * The fields of a note moved to another type, as Anki's "change note type" maps them: `Source` to
 * `Source`, the others by position (Front → Text → Question, Back → Extra → Points). `lost` names
 * the fields with text that have nowhere to go, which is when the editor has to ask.
 */
export function carryFields(fields: Record<string, string>, from: readonly string[], to: readonly string[]): { fields: Record<string, string>; lost: string[] } {
  const others = (names: readonly string[]) => names.filter((name) => name !== 'Source');
  const source = others(from);
  const target = others(to);
  const carried: Record<string, string> = {};
  target.forEach((name, i) => {
    const value = fields[source[i] ?? ''];
    if (value) carried[name] = value;
  });
  if (to.includes('Source') && fields.Source) carried.Source = fields.Source;
  const placed = (name: string) => (name === 'Source' ? to.includes('Source') : source.indexOf(name) < target.length);
  const lost = from.filter((name) => (fields[name] ?? '').trim() !== '' && !placed(name));
  return { fields: carried, lost };
}
