// A readable title for a topic or round tag when no syllabus names it: `topic::kv-cache` → "Kv cache".

/** The last level of a tag, its hyphens as spaces, capitalised: a fallback for tags nobody titled. */
export function groupTitle(name: string, titles?: ReadonlyMap<string, string>): string {
  const known = titles?.get(name);
  if (known) return known;
  if (name.startsWith('deck::')) return name.slice('deck::'.length);
  const last = name.split('::').pop() ?? name;
  const words = last.replace(/[-_]+/g, ' ').trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : name;
}
