// Gathers the notes, decks and problems of one text or Markdown file into an ImportBundle.
import { contentHash, noteContentHash } from '../../collection/content-hash';
import { NOTE_TYPES, noteProblem } from '../../notes/note-types';
import type { NoteTypeName } from '../../../shared/dto';
import { DEFAULT_LIMITS, ImportError, type ImportBundle, type ImportedCard, type ImportedNote, type ImportLimits, type KeptSchedule } from '../bundle';

// A file with thousands of broken rows should still give a readable report, not thousands of lines.
const MAX_PROBLEMS = 200;

/** A note as an importer reads it, before it has its identity. */
export interface DraftNote {
  deckName: string;
  type: NoteTypeName;
  fields: Record<string, string>;
  format: 'markdown' | 'html';
  tags: string[];
  /** Reviews per card ordinal, for sources that carry history. */
  reviews?: Map<number, ImportedCard['reviews']>;
  /** The source's own due date and interval per card ordinal, continued as they are. */
  schedules?: Map<number, KeptSchedule>;
  line: number;
}

/**
 * How a note is recognised when the file is imported again: a key the source gives it (`anki:<guid>`),
 * or, for formats without ids, the text that asks the question (with its deck).
 */
export type NoteIdentity = { key: string } | { question: string };

export class BundleBuilder {
  private readonly notes: ImportedNote[] = [];
  private readonly decks = new Set<string>();
  private readonly problems: string[] = [];
  private droppedProblems = 0;
  /** Source keys already used, and the line that used each. */
  private readonly seen = new Map<string, number>();
  /**
   * Content identity -> the notes asking that question. Most questions are asked once, so a note's
   * fingerprint (a hash of all its content) is worked out only once a second note asks the same.
   */
  private readonly sameQuestion = new Map<string, QuestionGroup>();

  constructor(
    readonly format: string,
    readonly fileName: string,
    private readonly limits: ImportLimits = DEFAULT_LIMITS,
  ) {}

  /** Records something that could not be imported; `line` is 1-based, or null for the whole file. */
  problem(line: number | null, message: string): void {
    if (this.problems.length >= MAX_PROBLEMS) {
      this.droppedProblems++;
      return;
    }
    this.problems.push(`${this.fileName}${line === null ? '' : `, line ${line}`}: ${message}`);
  }

  /**
   * Checks the note against its native type and adds it, or records why not. A content identity that
   * repeats (same deck, same question) is kept as a second note when its content differs — two cards
   * may ask the same thing with different answers — and skipped when it is an exact repeat.
   */
  addNote(draft: DraftNote, identity: NoteIdentity): boolean {
    const issue = noteProblem(draft.type, draft.fields);
    if (issue) {
      this.problem(draft.line, `${issue.problem}; skipped`);
      return false;
    }
    let key: string;
    if ('key' in identity) {
      key = identity.key;
      const first = this.seen.get(key);
      if (first !== undefined) {
        this.problem(draft.line, `"${key}" was already used on line ${first}; skipped`);
        return false;
      }
    } else {
      const base = [draft.deckName, identity.question.trim()];
      const baseKey = `content:${contentHash(base)}`;
      const group = this.sameQuestion.get(baseKey);
      if (!group) {
        key = baseKey;
        this.sameQuestion.set(baseKey, { first: draft, fingerprints: null });
      } else {
        group.fingerprints ??= new Map([[fingerprint(group.first), group.first.line]]);
        const mine = fingerprint(draft);
        const earlier = group.fingerprints.get(mine);
        if (earlier !== undefined) {
          this.problem(draft.line, `repeats the note on line ${earlier} exactly; skipped`);
          return false;
        }
        // The second note asking the same question is `…, 2`, the third `…, 3`: stable while the file keeps its order.
        key = `content:${contentHash([...base, group.fingerprints.size + 1])}`;
        group.fingerprints.set(mine, draft.line);
      }
    }
    if (this.notes.length >= this.limits.maxEntries) {
      throw new ImportError(`${this.fileName} has more than ${this.limits.maxEntries} notes, the most one import takes`, {
        file: this.fileName,
        line: draft.line,
      });
    }
    this.seen.set(key, draft.line);
    this.decks.add(draft.deckName);
    const ords = NOTE_TYPES[draft.type].cardOrds(draft.fields);
    this.notes.push({
      key,
      deckName: draft.deckName,
      type: draft.type,
      fields: draft.fields,
      format: draft.format,
      tags: draft.tags,
      cards: ords.map((ord) => {
        const kept = draft.schedules?.get(ord);
        return { ord, suspended: false, buried: false, flag: 0, reviews: draft.reviews?.get(ord) ?? [], ...(kept ? { kept } : {}) };
      }),
      where: `line ${draft.line}`,
    });
    return true;
  }

  /** The bundle; throws when nothing could be imported, saying why (the first problems found). */
  build(nothingFound: string): ImportBundle {
    if (this.droppedProblems > 0) this.problems.push(`${this.fileName}: … and ${this.droppedProblems} more problems`);
    if (this.notes.length === 0) {
      const reasons = this.problems.slice(0, 3).join('; ');
      throw new ImportError(`${this.fileName}: ${nothingFound}${reasons ? ` (${reasons})` : ''}`, { file: this.fileName });
    }
    return {
      format: this.format,
      decks: [...this.decks].map((name) => ({ name, description: '' })),
      noteTypes: [],
      notes: this.notes,
      media: [],
      problems: this.problems,
    };
  }
}

/** The notes asking one question: the first, and once a second comes, every one's fingerprint with its line. */
interface QuestionGroup {
  first: DraftNote;
  fingerprints: Map<string, number> | null;
}

/** All of a note's content with its deck: two notes with the same fingerprint are the same note. */
function fingerprint(draft: DraftNote): string {
  return contentHash([draft.deckName, noteContentHash(draft)]);
}

/** Throws before any work when the text is larger than the limits allow. */
export function checkSize(text: string, fileName: string, limits: ImportLimits = DEFAULT_LIMITS): void {
  if (text.length > limits.maxBytes) {
    throw new ImportError(`${fileName} is larger than ${limits.maxBytes} bytes, the most one import takes`, { file: fileName });
  }
}

/** Line breaks as `\n` and no byte-order mark, so every reader counts lines the same way. */
export function normaliseText(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/** `decks/Linear Algebra.txt` -> `Linear Algebra`: the deck a file's notes go to when nothing else names one. */
export function deckNameFromFile(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const stem = base.includes('.') && !base.startsWith('.') ? base.slice(0, base.lastIndexOf('.')) : base;
  return cleanDeckName(stem) || 'Imported';
}

/** Trims each `::` level and drops empty levels and control characters; '' when nothing is left. */
export function cleanDeckName(name: string): string {
  return name
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .split('::')
    .map((part) => part.trim())
    .filter(Boolean)
    .join('::');
}

/** Tags as the native format keeps them: no spaces or commas inside one, no repeats. */
export function splitTags(text: string): string[] {
  return text.split(/[\s,]+/).filter((tag) => tag.length > 0 && tag.length <= 200);
}

export function uniqueTags(tags: string[]): string[] {
  return [...new Set(tags)];
}
