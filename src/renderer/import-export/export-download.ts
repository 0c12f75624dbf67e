// An export's files as one download: several Markdown decks go into one zip, since browsers block a burst of downloads.
import { zipSync } from 'fflate';

export interface ExportedFile {
  name: string;
  base64: string;
}

export interface Download {
  name: string;
  bytes: Uint8Array;
  /** How many files are inside, when it is a zip of several. */
  files: number;
}

function bytesOf(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The name the service would give the export: deck path separators become dashes, odd characters go. */
export function exportStem(deckName: string | null): string {
  const base = deckName ? deckName.replace(/::/g, ' - ') : 'Interleave collection';
  return base.replace(/[^\p{L}\p{N} ._-]+/gu, '_').trim() || 'export';
}

/** One file as it is; several as `<stem> (Markdown).zip` holding each under its own name. */
export function oneDownload(files: ExportedFile[], stem: string): Download {
  if (files.length === 1) return { name: files[0]!.name, bytes: bytesOf(files[0]!.base64), files: 1 };
  const entries = Object.fromEntries(files.map((file) => [file.name, bytesOf(file.base64)]));
  return { name: `${stem} (Markdown).zip`, bytes: zipSync(entries, { level: 6 }), files: files.length };
}

/** Saves bytes as a download; the window never gets a path on disk. */
export function saveDownload(download: Download): void {
  const url = URL.createObjectURL(new Blob([download.bytes as BlobPart]));
  const link = document.createElement('a');
  link.href = url;
  link.download = download.name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
