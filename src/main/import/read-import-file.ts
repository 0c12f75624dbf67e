// Recognises a file's format from its name and first bytes and reads it into an import bundle.
import { basename, extname } from 'node:path';
import { DEFAULT_LIMITS, ImportError, type ImportBundle, type ImportLimits } from '../../core/import/bundle';
import { binaryKind, textKind } from '../../core/import/content-kind';
import { detectMarkdownFlavor } from '../../core/import/markdown/flavor';
import { parseLogseq } from '../../core/import/markdown/logseq';
import { parseObsidian } from '../../core/import/markdown/obsidian';
import { bundleFromDeck } from '../../core/import/native';
import { parseDelimited, type ColumnMapping } from '../../core/import/text/delimited';
import { parseDeck } from '../../core/deck-format/parse';
import type { Calendar } from '../../core/time/study-day';
import { readAnkiPackage } from './anki/package-reader';
import { readBackupArchive, isBackupArchive } from './backup-archive';
import { bytesSource, isByteSource, readAll, type ByteSource } from './byte-source';
import type { MediaSink } from './media-sink';

export interface ReadOptions {
  deckName?: string;
  /** Delimited text: which column is what, whether the first row is a header, the separator. */
  mapping?: ColumnMapping;
  hasHeader?: boolean;
  delimiter?: string;
  limits?: ImportLimits;
  /** The learner's calendar: Anki collections that never recorded their time zone count days in it. */
  calendar?: Calendar;
  /** Where an archive's media files go as they are unpacked (default: memory). */
  media?: MediaSink;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const MAX_TEXT_BYTES = 256 * 1024 * 1024;

function isZip(bytes: Uint8Array): boolean {
  return ZIP.every((byte, i) => bytes[i] === byte);
}

/** UTF-8 text (a BOM removed); anything that is not UTF-8 is refused with the byte where it breaks. */
function decodeText(bytes: Uint8Array, fileName: string): string {
  if (bytes.length > MAX_TEXT_BYTES) throw new ImportError(`${fileName} is ${bytes.length} bytes; a text file may be at most ${MAX_TEXT_BYTES} bytes.`, { file: fileName });
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    let line = 1;
    let at = 0;
    const text = new TextDecoder('utf-8').decode(bytes);
    const bad = text.indexOf('\uFFFD');
    for (let i = 0; i < bad; i++) if (text[i] === '\n') (line++, (at = i));
    throw new ImportError(`${fileName} is not UTF-8 text (line ${line}, column ${bad - at}); save it as UTF-8 and import it again.`, { file: fileName, line });
  }
}

const PACKAGES = ['.apkg', '.colpkg', '.interleave'];
const DELIMITED = ['.txt', '.csv', '.tsv', ''];
const MARKDOWN = ['.md', '.markdown'];
const WHAT_WE_READ =
  'It reads Anki packages (.apkg, .colpkg), Interleave backups (.interleave), CSV, TSV and Anki text (.csv, .tsv, .txt) and Markdown (.md).';

/** The bundle a file gives, whatever its format; throws ImportError naming file and place when it cannot be read. */
export async function readImportFile(fileName: string, input: Uint8Array | ByteSource, options: ReadOptions = {}): Promise<ImportBundle> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const extension = extname(fileName).toLowerCase();
  const where = { file: fileName };
  const source = isByteSource(input) ? input : bytesSource(input);
  // The first bytes say what the file is; an archive is then read a piece at a time, never whole.
  const head = source.read(0, 64 * 1024);
  if (isZip(head)) {
    if (await isBackupArchive(source)) return readBackupArchive(source, fileName, limits, options.media);
    return readAnkiPackage(source, fileName, limits, { ...(options.calendar ? { offsetMinutesAt: options.calendar.offsetMinutesAt } : {}), ...(options.media ? { media: options.media } : {}) });
  }
  const binary = binaryKind(head);
  if (PACKAGES.includes(extension)) throw new ImportError(notAPackage(fileName, extension, head, binary), where);
  if (!DELIMITED.includes(extension) && !MARKDOWN.includes(extension)) {
    const holds = binary ? `This one is ${binary}.` : looksLikeText(head) ? 'This one holds text: if it is flashcards, give it one of those names.' : '';
    throw new ImportError(`${fileName}: Interleave does not import ${extension} files. ${WHAT_WE_READ}${holds ? ` ${holds}` : ''}`, where);
  }
  if (binary) throw new ImportError(`${fileName} is ${binary}, not text; ${binary === 'a PDF document' ? 'Interleave cannot read flashcards from PDFs.' : WHAT_WE_READ}`, where);
  if (source.size > MAX_TEXT_BYTES) throw new ImportError(`${fileName} is ${source.size} bytes; a text file may be at most ${MAX_TEXT_BYTES} bytes.`, where);
  const text = decodeText(readAll(source), fileName);
  const deckName = options.deckName;
  if (MARKDOWN.includes(extension)) {
    const bundle = readMarkdown(text, fileName, deckName, limits);
    if (bundle) return bundle;
    throw new ImportError(
      `${fileName}: no flashcards found. Interleave reads its own deck format (front matter with "deck:"), Obsidian Spaced Repetition cards (Q::A, ?, ==cloze==) and Logseq #card blocks.`,
      where,
    );
  }
  // Markdown flashcards saved under a text name: the native format is unmistakable; the plugins'
  // formats are taken when the text does not read as delimited rows (their `::` can be Anki tags).
  const flavor = detectMarkdownFlavor(text);
  const asMarkdown = () => {
    const bundle = readMarkdown(text, fileName, deckName, limits);
    if (bundle) bundle.notices = [...(bundle.notices ?? []), `${fileName} holds ${FLAVOR_NAMES[flavor!]} (Markdown), not delimited text: it was read as Markdown`];
    return bundle;
  };
  if (flavor === 'interleave') return asMarkdown()!;
  try {
    return parseDelimited(text, fileName, {
      ...(options.mapping ? { mapping: options.mapping } : {}),
      ...(options.hasHeader !== undefined ? { hasHeader: options.hasHeader } : {}),
      ...(options.delimiter ? { delimiter: options.delimiter } : {}),
      ...(deckName ? { deckName } : {}),
      limits,
    });
  } catch (error) {
    const markdown = flavor && error instanceof ImportError && !options.mapping ? safely(asMarkdown) : null;
    if (markdown) return markdown;
    throw error;
  }
}

const FLAVOR_NAMES = { interleave: 'an Interleave deck', obsidian: 'Obsidian flashcards', logseq: 'Logseq flashcards' } as const;

function safely<T>(read: () => T): T | null {
  try {
    return read();
  } catch {
    return null;
  }
}

/** The Markdown flavour's bundle, or null when the text is none of them. */
function readMarkdown(text: string, fileName: string, deckName: string | undefined, limits: ImportLimits): ImportBundle | null {
  const flavor = detectMarkdownFlavor(text);
  if (flavor === 'interleave') {
    const parsed = parseDeck(text);
    if (!parsed.ok) {
      const first = parsed.problems[0]!;
      const more = parsed.problems.length > 1 ? ` (and ${parsed.problems.length - 1} more: ${parsed.problems.slice(1, 4).map((p) => `line ${p.line}: ${p.message}`).join('; ')})` : '';
      throw new ImportError(`${fileName}:${first.line}:${first.column}: ${first.message}${more}`, { file: fileName, line: first.line, column: first.column });
    }
    return bundleFromDeck(parsed.deck);
  }
  if (flavor === 'logseq') return parseLogseq(text, fileName, { ...(deckName ? { deckName } : {}), limits });
  if (flavor === 'obsidian') return parseObsidian(text, fileName, { ...(deckName ? { deckName } : {}), limits });
  return null;
}

/** Why a file named as a package is not one, in words: what it looks like, and how to import it if it can be. */
function notAPackage(fileName: string, extension: string, bytes: Uint8Array, binary: string | null): string {
  const stem = fileName.slice(0, fileName.length - extension.length);
  const what = extension === '.interleave' ? 'an Interleave backup' : 'an Anki package';
  if (binary === 'a bare SQLite database') {
    return `${fileName} is not ${what} (it looks like a bare SQLite database, such as a collection.anki2 taken out of its package); import the .apkg or .colpkg file it came in.`;
  }
  if (binary) return `${fileName} is not ${what} (it looks like ${binary}); ${what === 'an Anki package' ? 'an Anki package' : 'a backup'} is a zip file.`;
  if (!looksLikeText(bytes)) return `${fileName} should be a zip archive but does not start like one; the file may be damaged or incomplete.`;
  const kind = textKind(new TextDecoder().decode(bytes.subarray(0, 64 * 1024)));
  const rename = kind === 'CSV text' ? `${stem}.csv` : kind === 'tab-separated text' ? `${stem}.tsv` : kind === 'Markdown text' ? `${stem}.md` : kind === 'plain text' ? `${stem}.txt` : null;
  return `${fileName} is not ${what} (it looks like ${kind}); ${what === 'an Anki package' ? 'an Anki package' : 'a backup'} is a zip file.${rename ? ` To import the text, name it ${basename(rename)}.` : ''}`;
}

/** UTF-8 without control characters other than whitespace in its first bytes. */
function looksLikeText(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 4096);
  if (head.length === 0) return false;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(head.length < bytes.length ? head.subarray(0, lastWholeCharacter(head)) : head);
    return !/[\u0000-\u0008\u000e-\u001f]/.test(text);
  } catch {
    return false;
  }
}

/** Where the last complete UTF-8 character of a slice ends, so a cut multi-byte character is not taken for binary. */
function lastWholeCharacter(bytes: Uint8Array): number {
  let end = bytes.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const byte = bytes[end - back]!;
    if ((byte & 0xc0) === 0xc0) return end - back;
    if ((byte & 0x80) === 0) break;
  }
  return end;
}
