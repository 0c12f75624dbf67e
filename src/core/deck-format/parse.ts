// Reads the native deck format (docs/deck-format.md): one Markdown file, front matter, then cards.
import type { NoteTypeName } from '../../shared/dto';
import { isNoteType, NOTE_TYPE_NAMES, noteProblem, NOTE_TYPES } from '../notes/note-types';

export interface DeckHeader {
  name: string;
  id: string;
  description: string;
  preset: string | null;
}

export interface ParsedNote {
  id: string;
  type: NoteTypeName;
  tags: string[];
  fields: Record<string, string>;
  /** 1-based line of the `## id` heading. */
  line: number;
}

export interface DeckProblem {
  line: number;
  column: number;
  message: string;
}

export interface ParsedDeck {
  header: DeckHeader;
  notes: ParsedNote[];
}

export type ParseResult = { ok: true; deck: ParsedDeck } | { ok: false; problems: DeckProblem[] };

export const NOTE_ID = /^[a-z0-9][a-z0-9._-]{0,99}$/;
const TAG = /^[^\s]{1,200}$/;
const FIELD_NAME = /^[A-Za-z][A-Za-z ]{0,39}$/;
const MAX_PROBLEMS = 50;

/** Slug used as a deck's id when the front matter gives none: `Stats & Probability` -> `stats-probability`. */
export function deckSlug(name: string): string {
  const slug = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/::/g, '--')
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-{3,}/g, '--')
    .replace(/^-+|-+$/g, '');
  return slug || 'deck';
}

interface Card {
  id: string;
  line: number;
  props: Map<string, { value: string; line: number }>;
  fields: { name: string; line: number; lines: string[] }[];
}

/**
 * Parses a whole deck file. Collects every problem it can (up to 50) rather than stopping at the
 * first, so an author fixes a file in one pass; any problem makes the result not ok.
 */
export function parseDeck(source: string): ParseResult {
  const problems: DeckProblem[] = [];
  const problem = (line: number, column: number, message: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push({ line, column, message });
  };
  const lines = source.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);

  // Front matter.
  const meta = new Map<string, { value: string; line: number }>();
  let index = 0;
  while (index < lines.length && lines[index]!.trim() === '') index++;
  if (lines[index]?.trim() !== '---') {
    problem(index + 1, 1, 'a deck file starts with front matter: a line "---", then "deck: Name", then "---"');
    return { ok: false, problems };
  }
  index++;
  let closed = false;
  for (; index < lines.length; index++) {
    const line = lines[index]!;
    if (line.trim() === '---') {
      closed = true;
      index++;
      break;
    }
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const match = /^([A-Za-z][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (!match) {
      problem(index + 1, 1, `front matter lines are "key: value", found ${JSON.stringify(line.slice(0, 60))}`);
      continue;
    }
    const key = match[1]!.toLowerCase();
    if (!['deck', 'id', 'description', 'preset'].includes(key)) {
      problem(index + 1, 1, `unknown front matter key "${match[1]}" (known: deck, id, description, preset)`);
      continue;
    }
    if (meta.has(key)) problem(index + 1, 1, `"${key}" is given twice in the front matter`);
    meta.set(key, { value: unquote(match[2]!.trim()), line: index + 1 });
  }
  if (!closed) {
    problem(lines.length, 1, 'the front matter is never closed with a line "---"');
    return { ok: false, problems };
  }
  const deckName = meta.get('deck')?.value ?? '';
  if (!deckName) problem(1, 1, 'the front matter needs "deck: Name"');
  else if (deckName.split('::').some((part) => part.trim() === '')) {
    problem(meta.get('deck')!.line, 1, `deck name "${deckName}" has an empty level: write Parent::Child`);
  }
  const deckId = meta.get('id')?.value ?? deckSlug(deckName);
  if (meta.has('id') && !NOTE_ID.test(deckId)) {
    problem(meta.get('id')!.line, 1, `deck id "${deckId}" must be lowercase letters, digits, ".", "_" or "-"`);
  }

  // Cards.
  const cards: Card[] = [];
  let card: Card | null = null;
  let field: Card['fields'][number] | null = null;
  let inProps = false;
  let fence: string | null = null;
  let fenceLine = 0;
  for (; index < lines.length; index++) {
    const raw = lines[index]!;
    const lineNo = index + 1;
    if (fence !== null) {
      if (field) field.lines.push(raw);
      if (closesFence(raw, fence)) fence = null;
      continue;
    }
    const fenceOpen = /^ {0,3}(`{3,}|~{3,})/.exec(raw);
    if (fenceOpen && field) {
      fence = fenceOpen[1]!;
      fenceLine = lineNo;
      field.lines.push(raw);
      continue;
    }
    const cardHead = /^##(?!#)\s*(.*?)\s*$/.exec(raw);
    if (cardHead) {
      const id = cardHead[1]!;
      if (!NOTE_ID.test(id)) {
        problem(lineNo, 4, `card id "${id.slice(0, 60)}" must be 1-100 lowercase letters, digits, ".", "_" or "-" (a heading inside a field must use #### or deeper)`);
      }
      card = { id, line: lineNo, props: new Map(), fields: [] };
      cards.push(card);
      field = null;
      inProps = true;
      continue;
    }
    const fieldHead = /^###(?!#)\s*(.*?)\s*$/.exec(raw);
    if (fieldHead) {
      if (!card) {
        problem(lineNo, 1, 'a field heading "### Name" comes before any card heading "## id"');
        continue;
      }
      const name = fieldHead[1]!;
      if (!FIELD_NAME.test(name)) {
        problem(lineNo, 5, `field name "${name.slice(0, 60)}" must be letters (e.g. Front, Back, Text)`);
      } else if (card.fields.some((f) => f.name === name)) {
        problem(lineNo, 5, `field "${name}" appears twice in card "${card.id}"`);
      }
      field = { name, line: lineNo, lines: [] };
      card.fields.push(field);
      inProps = false;
      continue;
    }
    if (field) {
      field.lines.push(raw.replace(/^\\(\\*#{2,3}(?!#))/, '$1'));
      continue;
    }
    if (card && inProps) {
      if (raw.trim() === '') continue;
      const prop = /^([A-Za-z][\w-]*)\s*:\s*(.*)$/.exec(raw);
      if (!prop) {
        problem(lineNo, 1, `expected "key: value" (type, tags) or a field heading "### Name" in card "${card.id}"`);
        continue;
      }
      const key = prop[1]!.toLowerCase();
      if (key !== 'type' && key !== 'tags') {
        problem(lineNo, 1, `unknown card property "${prop[1]}" (known: type, tags)`);
        continue;
      }
      if (card.props.has(key)) problem(lineNo, 1, `"${key}" is given twice in card "${card.id}"`);
      card.props.set(key, { value: prop[2]!.trim(), line: lineNo });
      continue;
    }
    // Text between the front matter and the first card is a preamble for human readers.
  }

  // An unclosed fence swallows every card after it; say where it opened.
  if (fence !== null) problem(fenceLine, 1, `the code block opened here with ${fence} is never closed, so everything after it was read as code`);

  const notes: ParsedNote[] = [];
  const seen = new Map<string, number>();
  for (const c of cards) {
    const earlier = seen.get(c.id);
    if (earlier !== undefined) problem(c.line, 4, `card id "${c.id}" is used again (first on line ${earlier})`);
    else seen.set(c.id, c.line);

    const typeProp = c.props.get('type');
    const typeName = typeProp?.value ?? 'basic';
    if (!isNoteType(typeName)) {
      problem(typeProp!.line, 7, `unknown type "${typeName}" (known: ${NOTE_TYPE_NAMES.join(', ')})`);
      continue;
    }
    const tagsProp = c.props.get('tags');
    const tags = tagsProp ? tagsProp.value.split(/[\s,]+/).filter(Boolean) : [];
    for (const tag of tags) if (!TAG.test(tag)) problem(tagsProp!.line, 7, `tag "${tag}" is not a tag`);

    const fields: Record<string, string> = {};
    for (const f of c.fields) fields[f.name] = trimBlankLines(f.lines);
    if (c.fields.length === 0) {
      problem(c.line, 1, `card "${c.id}" has no fields: add "### ${NOTE_TYPES[typeName].fields[0]}" and the text below it`);
      continue;
    }
    const issue = noteProblem(typeName, fields);
    if (issue) {
      const at = c.fields.find((f) => f.name === issue.field);
      problem(at ? at.line : c.line, at ? 5 : 1, `card "${c.id}": ${issue.problem}`);
      continue;
    }
    notes.push({ id: c.id, type: typeName, tags: [...new Set(tags)], fields, line: c.line });
  }

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    deck: {
      header: {
        name: deckName
          .split('::')
          .map((part) => part.trim())
          .join('::'),
        id: deckId,
        description: meta.get('description')?.value ?? '',
        preset: meta.get('preset')?.value ?? null,
      },
      notes,
    },
  };
}

function closesFence(line: string, fence: string): boolean {
  const match = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
  return match !== null && match[1]![0] === fence[0] && match[1]!.length >= fence.length;
}

function trimBlankLines(lines: string[]): string {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]!.trim() === '') start++;
  while (end > start && lines[end - 1]!.trim() === '') end--;
  return lines
    .slice(start, end)
    .map((line) => line.replace(/\s+$/, ''))
    .join('\n');
}

function unquote(value: string): string {
  if (value.length >= 2 && ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'")))) {
    return value.slice(1, -1);
  }
  return value;
}
