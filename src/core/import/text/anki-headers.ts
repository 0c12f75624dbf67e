// The `#key:value` lines Anki writes at the top of a "Notes in Plain Text" export, read as Anki reads them.

/** Separator names Anki accepts after `#separator:`, in the order Anki tries them when it guesses. */
export const NAMED_SEPARATORS: ReadonlyArray<readonly [name: string, separator: string]> = [
  ['tab', '\t'],
  ['pipe', '|'],
  ['semicolon', ';'],
  ['colon', ':'],
  ['comma', ','],
  ['space', ' '],
];

export interface AnkiTextHeaders {
  separator?: string;
  html?: boolean;
  /** Added to every note (`#tags:a b`, or a first line `tags:a b` from older versions). */
  tags: string[];
  deck?: string;
  notetype?: string;
  /** 1-based, as written in the file. */
  deckColumn?: number;
  notetypeColumn?: number;
  guidColumn?: number;
  tagsColumn?: number;
  /** `#columns:` labels, still joined by the separator (it may be declared after them). */
  columnsLine?: string;
}

export interface HeaderReading {
  headers: AnkiTextHeaders;
  /** Index of the first line after the headers and comments. */
  bodyStart: number;
  /** True when at least one line was an Anki header rather than a plain comment. */
  recognised: boolean;
  problems: { line: number; message: string }[];
}

const COLUMN_KEYS: Record<string, 'deckColumn' | 'notetypeColumn' | 'guidColumn' | 'tagsColumn'> = {
  'deck column': 'deckColumn',
  'notetype column': 'notetypeColumn',
  'guid column': 'guidColumn',
  'tags column': 'tagsColumn',
};

/**
 * Reads the leading lines that start with `#` (and an old-style first line `tags:`). Like Anki, a `#` line
 * without a known `key:` is a comment, and unknown keys are ignored; values it cannot use are reported.
 */
export function readAnkiHeaders(lines: readonly string[]): HeaderReading {
  const headers: AnkiTextHeaders = { tags: [] };
  const problems: HeaderReading['problems'] = [];
  let recognised = false;
  let index = 0;
  if (lines[0]?.startsWith('tags:')) {
    headers.tags = splitWhitespace(lines[0].slice('tags:'.length));
    recognised = true;
    index = 1;
  }
  for (; index < lines.length; index++) {
    const line = lines[index]!;
    if (!line.startsWith('#')) break;
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const key = line.slice(1, colon).trim().toLowerCase();
    const value = line.slice(colon + 1);
    const lineNo = index + 1;
    switch (key) {
      case 'separator': {
        const separator = separatorFromHeader(value);
        if (separator === null) {
          problems.push({ line: lineNo, message: `unknown separator "${value.slice(0, 20)}" (known: ${NAMED_SEPARATORS.map(([name]) => name).join(', ')}, or the character itself); the separator was guessed instead` });
        } else headers.separator = separator;
        recognised = true;
        break;
      }
      case 'html': {
        const flag = value.trim().toLowerCase();
        if (flag === 'true' || flag === 'false') headers.html = flag === 'true';
        else problems.push({ line: lineNo, message: `#html: takes true or false, not "${value.slice(0, 20)}"` });
        recognised = true;
        break;
      }
      case 'tags':
        headers.tags = splitWhitespace(value);
        recognised = true;
        break;
      case 'deck':
        if (value.trim()) headers.deck = value.trim();
        recognised = true;
        break;
      case 'notetype':
        if (value.trim()) headers.notetype = value.trim();
        recognised = true;
        break;
      case 'columns':
        headers.columnsLine = value;
        recognised = true;
        break;
      default: {
        const field = COLUMN_KEYS[key];
        if (!field) break;
        recognised = true;
        const n = Number(value.trim());
        if (Number.isInteger(n) && n >= 1 && n <= 10_000) headers[field] = n;
        else problems.push({ line: lineNo, message: `#${key}: takes a column number counted from 1, not "${value.slice(0, 20)}"` });
      }
    }
  }
  return { headers, bodyStart: index, recognised, problems };
}

/** `Tab`, `comma`, … or the character itself (as in `#separator:|`); null when it is neither. */
export function separatorFromHeader(value: string): string | null {
  const name = value.trim().toLowerCase();
  const named = NAMED_SEPARATORS.find(([known]) => known === name);
  if (named) return named[1];
  // A literal character, untrimmed so that `#separator: ` means a space, as in Anki.
  if ([...value].length === 1 && value !== '"' && value !== '\n' && value !== '\r') return value;
  return null;
}

function splitWhitespace(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}
