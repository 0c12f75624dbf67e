// A stable fingerprint of a note's content, to tell "the source changed" from "nothing changed".

/** 64-bit FNV-1a over the UTF-16 code units, as 16 hex digits. Not cryptographic; it need not be. */
export function contentHash(value: unknown): string {
  const text = JSON.stringify(value);
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 16777619);
    h2 = Math.imul(h2 ^ c, 2246822519);
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

export function noteContentHash(note: { type: string; fields: Record<string, string>; tags: string[] }): string {
  const fields = Object.keys(note.fields)
    .sort()
    .map((name) => [name, note.fields[name]]);
  return contentHash([note.type, fields, [...note.tags].sort()]);
}
