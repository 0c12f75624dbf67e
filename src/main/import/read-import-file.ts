// Recognises a file's format from its name and first bytes and reads it into an import bundle.
import { extname } from 'node:path';
import { DEFAULT_LIMITS, ImportError, type ImportBundle, type ImportLimits } from '../../core/import/bundle';
import { detectMarkdownFlavor } from '../../core/import/markdown/flavor';
import { parseLogseq } from '../../core/import/markdown/logseq';
import { parseObsidian } from '../../core/import/markdown/obsidian';
import { bundleFromDeck } from '../../core/import/native';
import { parseDelimited, type ColumnMapping } from '../../core/import/text/delimited';
import { parseDeck } from '../../core/deck-format/parse';
import type { Calendar } from '../../core/time/study-day';
import { readAnkiPackage } from './anki/package-reader';
import { readBackupArchive, isBackupArchive } from './backup-archive';

export interface ReadOptions {
  deckName?: string;
  /** Delimited text: which column is what, whether the first row is a header, the separator. */
  mapping?: ColumnMapping;
  hasHeader?: boolean;
  delimiter?: string;
  limits?: ImportLimits;
  /** The learner's calendar: Anki collections that never recorded their time zone count days in it. */
  calendar?: Calendar;
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

/** The bundle a file gives, whatever its format; throws ImportError naming file and place when it cannot be read. */
export async function readImportFile(fileName: string, bytes: Uint8Array, options: ReadOptions = {}): Promise<ImportBundle> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const extension = extname(fileName).toLowerCase();
  if (isZip(bytes)) {
    if (await isBackupArchive(bytes)) return readBackupArchive(bytes, fileName, limits);
    return readAnkiPackage(bytes, fileName, limits, options.calendar ? { offsetMinutesAt: options.calendar.offsetMinutesAt } : {});
  }
  if (['.apkg', '.colpkg', '.interleave'].includes(extension)) {
    throw new ImportError(`${fileName} should be a zip archive but does not start like one; the file may be damaged or incomplete.`, { file: fileName });
  }
  const text = decodeText(bytes, fileName);
  const deckName = options.deckName;
  if (extension === '.md' || extension === '.markdown') {
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
    throw new ImportError(
      `${fileName}: no flashcards found. Interleave reads its own deck format (front matter with "deck:"), Obsidian Spaced Repetition cards (Q::A, ?, ==cloze==) and Logseq #card blocks.`,
      { file: fileName },
    );
  }
  return parseDelimited(text, fileName, {
    ...(options.mapping ? { mapping: options.mapping } : {}),
    ...(options.hasHeader !== undefined ? { hasHeader: options.hasHeader } : {}),
    ...(options.delimiter ? { delimiter: options.delimiter } : {}),
    ...(deckName ? { deckName } : {}),
    limits,
  });
}
