// Exports a deck or the collection in each format: Markdown decks, CSV/TSV, an Anki package, a full backup.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Collection } from '../../core/collection/collection';
import { collectionToBundle, mediaReferences } from '../../core/export/collection-bundle';
import { exportDelimited } from '../../core/export/delimited';
import { exportMarkdownDecks } from '../../core/export/markdown-decks';
import { htmlToMarkdown } from './html-to-markdown';
import { markdownToAnkiHtml } from '../../core/render/markdown';
import { isMediaName } from '../files/contained-path';
import { MEDIA_DIR } from '../import/media-folder';
import { writeFileDurably } from '../store/snapshot-file';
import { writeAnkiPackage } from './anki-package';
import { writeBackupArchive } from './backup-archive';

export type ExportFormat = 'md' | 'csv' | 'tsv' | 'apkg' | 'backup';

export interface ExportedOutput {
  /** One file (csv, tsv, apkg, backup, a single-deck md) or several (md of decks with children). */
  files: { name: string; bytes: Uint8Array }[];
  notes: number;
  cards: number;
  reviews: number;
  media: number;
  messages: string[];
}

export interface ExportRequest {
  format: ExportFormat;
  deckId?: string;
  now: number;
  today: number;
}

const text = (value: string) => new TextEncoder().encode(value);

/** Produces the bytes of an export without writing anything. */
export async function exportCollection(col: Collection, dataDir: string, request: ExportRequest): Promise<ExportedOutput> {
  const { format, deckId } = request;
  const base = deckId ? (col.decks.get(deckId)?.name ?? 'deck').replace(/::/g, ' - ') : 'Interleave collection';
  const stem = base.replace(/[^\p{L}\p{N} ._-]+/gu, '_').trim() || 'export';
  const plain = collectionToBundle(col, { ...(deckId ? { deckId } : {}), exact: format === 'backup', today: request.today });
  const counts = {
    notes: plain.notes.length,
    cards: plain.notes.reduce((sum, note) => sum + note.cards.length, 0),
    reviews: plain.notes.reduce((sum, note) => sum + note.cards.reduce((s, card) => s + card.reviews.length, 0), 0),
  };
  switch (format) {
    case 'md': {
      const { files, messages } = exportMarkdownDecks(col, deckId, htmlToMarkdown);
      return { files: files.map((file) => ({ name: file.name, bytes: text(file.text) })), ...counts, reviews: 0, media: 0, messages };
    }
    case 'csv':
    case 'tsv':
      return { files: [{ name: `${stem}.${format}`, bytes: text(exportDelimited(col, format === 'csv' ? ',' : '\t', deckId)) }], ...counts, reviews: 0, media: 0, messages: [] };
    case 'apkg': {
      // Anki shows HTML and renders MathJax itself: native Markdown fields are converted.
      for (const note of plain.notes) {
        if (note.format === 'markdown') {
          note.fields = Object.fromEntries(Object.entries(note.fields).map(([name, value]) => [name, markdownToAnkiHtml(value)]));
          note.format = 'html';
        }
      }
      const names = new Set(plain.notes.flatMap((note) => Object.values(note.fields).flatMap(mediaReferences)));
      plain.media = readMedia(dataDir, names);
      const bytes = await writeAnkiPackage(plain, { now: request.now });
      return { files: [{ name: `${stem}.apkg`, bytes }], ...counts, media: plain.media.length, messages: [] };
    }
    case 'backup': {
      const bytes = writeBackupArchive(plain, dataDir, request.now);
      const stamp = new Date(request.now).toISOString().slice(0, 10);
      return { files: [{ name: `${stem} ${stamp}.interleave`, bytes }], ...counts, media: countMedia(dataDir), messages: [] };
    }
  }
}

function readMedia(dataDir: string, names: Set<string>) {
  const out: { name: string; bytes: Uint8Array }[] = [];
  for (const name of names) {
    const path = join(dataDir, MEDIA_DIR, name);
    if (isMediaName(name) && existsSync(path) && statSync(path).isFile()) out.push({ name, bytes: readFileSync(path) });
  }
  return out;
}

function countMedia(dataDir: string): number {
  try {
    return readdirSync(join(dataDir, MEDIA_DIR)).length;
  } catch {
    return 0;
  }
}

/**
 * Writes an export to `out`: a file, or for several Markdown decks a folder (created if needed).
 * Each file is written atomically, so a crash never leaves half an export under the final name.
 */
export function writeExport(output: ExportedOutput, out: string, format: ExportFormat): string[] {
  // Markdown decks go to a folder, unless OUT names one .md file and there is one deck to write.
  const oneFile = output.files.length === 1 && (format !== 'md' || out.toLowerCase().endsWith('.md'));
  if (oneFile && !(existsSync(out) && statSync(out).isDirectory())) {
    writeFileDurably(out, Buffer.from(output.files[0]!.bytes));
    return [out];
  }
  mkdirSync(out, { recursive: true });
  return output.files.map((file) => {
    const path = join(out, file.name);
    writeFileDurably(path, Buffer.from(file.bytes));
    return path;
  });
}
