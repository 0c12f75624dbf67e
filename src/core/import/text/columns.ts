// Which column of a delimited file holds what: the header-row guess, the default mapping, Anki note types.
import type { NoteTypeName } from '../../../shared/dto';
import type { AnkiTextHeaders } from './anki-headers';

/** 0-based column indexes. `extra` columns are added to the back (Extra for cloze), one paragraph each. */
export interface ColumnMapping {
  front: number;
  back: number;
  tags?: number;
  deck?: number;
  guid?: number;
  notetype?: number;
  source?: number;
  extra?: number[];
}

type Role = Exclude<keyof ColumnMapping, 'extra'>;

// Column titles seen in exports from Anki, Quizlet, spreadsheets and other flashcard apps.
const LABELS: Record<Role, readonly string[]> = {
  front: ['front', 'question', 'term', 'text', 'word', 'prompt'],
  back: ['back', 'answer', 'definition', 'back extra', 'extra', 'meaning'],
  tags: ['tags', 'tag'],
  deck: ['deck'],
  guid: ['guid'],
  notetype: ['notetype', 'note type', 'type', 'model'],
  source: ['source', 'reference'],
};

function roleOf(label: string): Role | null {
  const name = label.trim().toLowerCase();
  for (const role of Object.keys(LABELS) as Role[]) if (LABELS[role].includes(name)) return role;
  return null;
}

/**
 * A first row is a header when it names at least two different known columns (Front/Back, Term/Definition,
 * Question/Answer/Tags …) and every cell is short plain text: real first rows rarely look like that.
 */
export function looksLikeHeaderRow(fields: readonly string[]): boolean {
  if (fields.some((cell) => cell.trim() === '' || cell.length > 40 || /[<\n]/.test(cell))) return false;
  const roles = new Set(fields.map(roleOf).filter((role) => role !== null));
  return roles.size >= 2;
}

/**
 * Anki's default: the columns its headers name (deck, note type, guid, tags) are set aside, the first
 * two others are the front and back, and the next one, if any, holds tags. With a header row, columns
 * are matched by title first.
 */
export function defaultMapping(columnCount: number, headers: AnkiTextHeaders, labels: readonly string[] | null): ColumnMapping {
  const assigned = new Map<Role, number>();
  const fromHeader = (role: Role, oneBased: number | undefined) => {
    if (oneBased !== undefined) assigned.set(role, oneBased - 1);
  };
  fromHeader('deck', headers.deckColumn);
  fromHeader('notetype', headers.notetypeColumn);
  fromHeader('guid', headers.guidColumn);
  fromHeader('tags', headers.tagsColumn);
  const taken = () => new Set(assigned.values());
  if (labels) {
    labels.forEach((label, index) => {
      const role = roleOf(label);
      if (role && !assigned.has(role) && !taken().has(index)) assigned.set(role, index);
    });
  }
  const free = () => {
    const used = taken();
    for (let index = 0; index < columnCount; index++) if (!used.has(index)) return index;
    return Math.max(columnCount, ...used) + 1;
  };
  if (!assigned.has('front')) assigned.set('front', free());
  if (!assigned.has('back')) assigned.set('back', free());
  if (!assigned.has('tags') && !labels) {
    const next = free();
    if (next < columnCount && next > assigned.get('back')!) assigned.set('tags', next);
  }
  const mapping: ColumnMapping = { front: assigned.get('front')!, back: assigned.get('back')! };
  for (const role of ['tags', 'deck', 'guid', 'notetype', 'source'] as const) {
    const index = assigned.get(role);
    if (index !== undefined) mapping[role] = index;
  }
  return mapping;
}

/**
 * Anki note type names to native types: `Basic (and reversed card)` makes both cards, `Cloze` is a
 * cloze note; every other type (including ones renamed by Anki with a `-abc12` suffix of the same
 * names) is read as basic, its first two fields the front and back.
 */
export function nativeTypeOf(notetype: string | undefined): NoteTypeName {
  const name = (notetype ?? '')
    .trim()
    .toLowerCase()
    .replace(/-[0-9a-z]{5}$/, '');
  if (name === 'basic (and reversed card)') return 'reverse';
  if (name === 'cloze') return 'cloze';
  return 'basic';
}
