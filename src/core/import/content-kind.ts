// What a file's first bytes say it is, so a file named for another format is recognised or described in words.
import Papa from 'papaparse';
import { detectMarkdownFlavor } from './markdown/flavor';

/** Kinds of binary file people pick by mistake, by their signature. */
const SIGNATURES: { bytes: number[]; kind: string }[] = [
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], kind: 'a PDF document' },
  { bytes: [...'SQLite format 3'].map((ch) => ch.charCodeAt(0)), kind: 'a bare SQLite database' },
  { bytes: [0x1f, 0x8b], kind: 'gzip-compressed data' },
  { bytes: [0x28, 0xb5, 0x2f, 0xfd], kind: 'zstd-compressed data' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], kind: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], kind: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], kind: 'a GIF image' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], kind: 'an old Microsoft Office document' },
];

/** A known binary kind ("a PDF document"), or null for anything else. */
export function binaryKind(bytes: Uint8Array): string | null {
  return SIGNATURES.find(({ bytes: signature }) => signature.every((byte, i) => bytes[i] === byte))?.kind ?? null;
}

const SAMPLE_CHARS = 64 * 1024;

/**
 * What a text looks like, for a message: Markdown (a flashcard flavour or headings and emphasis),
 * an HTML page, JSON, comma- or tab-separated rows of two or more fields, or plain text.
 */
export function textKind(text: string): 'Markdown text' | 'an HTML page' | 'JSON' | 'CSV text' | 'tab-separated text' | 'plain text' {
  const sample = text.slice(0, SAMPLE_CHARS).replace(/^\uFEFF/, '');
  const start = sample.trimStart();
  if (/^<(!doctype html|html|head|body)\b/i.test(start)) return 'an HTML page';
  if (/^[[{]/.test(start)) {
    try {
      JSON.parse(text);
      return 'JSON';
    } catch {
      /* not JSON after all */
    }
  }
  if (detectMarkdownFlavor(sample) !== null || /^(#{1,6} |[*-] |> |```)/m.test(sample)) return 'Markdown text';
  if (splitsEvenly(sample, '\t')) return 'tab-separated text';
  if (splitsEvenly(sample, ',') || splitsEvenly(sample, ';')) return 'CSV text';
  return 'plain text';
}

/** Most rows split into the same number (two or more) of fields. */
function splitsEvenly(sample: string, delimiter: string): boolean {
  if (!sample.includes(delimiter)) return false;
  const counts: number[] = [];
  Papa.parse<string[]>(sample, { delimiter, preview: 50, skipEmptyLines: true, step: (row) => void counts.push(row.data.length) });
  if (counts.length === 0) return false;
  const first = counts[0]!;
  return first >= 2 && counts.filter((count) => count === first).length / counts.length >= 0.8;
}
