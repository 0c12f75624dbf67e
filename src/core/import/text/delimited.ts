// Delimited text (CSV, TSV, Anki's "Notes in Plain Text", Quizlet exports) to an ImportBundle.
import Papa from 'papaparse';
import { DEFAULT_LIMITS, ImportError, type ImportBundle, type ImportLimits } from '../bundle';
import { NAMED_SEPARATORS, readAnkiHeaders, type AnkiTextHeaders } from './anki-headers';
import { BundleBuilder, checkSize, cleanDeckName, deckNameFromFile, normaliseText, splitTags, uniqueTags } from './bundle-builder';
import { defaultMapping, looksLikeHeaderRow, nativeTypeOf, type ColumnMapping } from './columns';
import { readRows, type TextRow } from './rows';
import { modal, sniffSeparator } from './sniff-separator';

export type { AnkiTextHeaders } from './anki-headers';
export type { ColumnMapping } from './columns';

export interface DelimitedOptions {
  mapping?: ColumnMapping;
  hasHeader?: boolean;
  /** Any string without quotes or line breaks: tab, comma, … or Quizlet's custom ` - `. */
  delimiter?: string;
  deckName?: string;
  /** Overrides `#html:` and the guess. */
  html?: boolean;
  /** Quizlet's "between rows" choice when it is not a line break (e.g. `;`); such files are never quoted. */
  rowSeparator?: string;
  limits?: ImportLimits;
}

export interface DelimitedPreview {
  delimiter: string;
  hasHeader: boolean;
  /** Column titles: the header row's, `#columns:`, or `Column 1`, `Column 2` … */
  columns: string[];
  /** The first 20 rows after any header row. */
  rows: string[][];
  totalRows: number;
  headers: AnkiTextHeaders;
  html: boolean;
  /** What parseDelimited does when given no mapping. */
  mapping: ColumnMapping;
  problems: string[];
}

const PREVIEW_ROWS = 20;
// Column counts are judged on the first rows, as Anki does, but on more of them than its five.
const SAMPLE_ROWS = 200;
const HTML = /<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?\/?>|&(?:nbsp|amp|lt|gt|quot|#\d+);/i;

interface Reading {
  headers: AnkiTextHeaders;
  recognised: boolean;
  delimiter: string;
  labels: string[] | null;
  rows: TextRow[];
  columnCount: number;
  html: boolean;
  mapping: ColumnMapping;
  problems: { line: number; message: string }[];
}

function read(text: string, fileName: string, options: DelimitedOptions): Reading {
  checkSize(text, fileName, options.limits);
  checkOptions(fileName, options);
  const lines = normaliseText(text).split('\n');
  const { headers, bodyStart, recognised, problems } = readAnkiHeaders(lines);
  const body = lines.slice(bodyStart).join('\n');
  const delimiter = options.delimiter ?? headers.separator ?? sniffSeparator(body);
  const reading = readRows(body, bodyStart + 1, delimiter, options.rowSeparator);
  const rows = reading.rows;
  const allProblems = problems.concat(reading.problems);

  let labels: string[] | null = null;
  if (headers.columnsLine !== undefined) {
    labels = (Papa.parse<string[]>(headers.columnsLine, { delimiter, newline: '\n' }).data[0] ?? []).map((label) => label.trim());
  } else if (rows.length > 0 && (options.hasHeader ?? looksLikeHeaderRow(rows[0]!.fields))) {
    labels = rows.shift()!.fields.map((label) => label.trim());
  }
  const columnCount = labels?.length ?? modal(rows.slice(0, SAMPLE_ROWS).map((row) => row.fields.length)).count;
  const html = options.html ?? headers.html ?? rows.slice(0, PREVIEW_ROWS).some((row) => row.fields.some((field) => HTML.test(field)));
  const mapping = options.mapping ?? defaultMapping(columnCount, headers, labels);
  return { headers, recognised, delimiter, labels, rows, columnCount, html, mapping, problems: allProblems };
}

function checkOptions(fileName: string, options: DelimitedOptions): void {
  const bad = (message: string) => new ImportError(`${fileName}: ${message}`, { file: fileName });
  if (options.delimiter !== undefined && (options.delimiter === '' || /["\r\n]/.test(options.delimiter))) {
    throw bad('the separator must be one or more characters other than quotes and line breaks');
  }
  if (options.rowSeparator !== undefined && (options.rowSeparator === '' || options.rowSeparator === options.delimiter)) {
    throw bad('the row separator must be non-empty and differ from the field separator');
  }
  const mapping = options.mapping;
  if (mapping) {
    const indexes = [mapping.front, mapping.back, mapping.tags, mapping.deck, mapping.guid, mapping.notetype, mapping.source, ...(mapping.extra ?? [])];
    if (indexes.some((index) => index !== undefined && !(Number.isInteger(index) && index >= 0 && index < 100_000))) {
      throw bad('column numbers in the mapping must be whole numbers from 0');
    }
    if (mapping.front === mapping.back) throw bad('the front and the back must come from different columns');
  }
}

export function previewDelimited(text: string, fileName: string, options: DelimitedOptions = {}): DelimitedPreview {
  const reading = read(text, fileName, options);
  const shown = reading.rows.slice(0, PREVIEW_ROWS).map((row) => row.fields);
  return {
    delimiter: reading.delimiter,
    hasHeader: hasHeaderRow(reading),
    columns: columnNames(reading, shown),
    rows: shown,
    totalRows: reading.rows.length,
    headers: reading.headers,
    html: reading.html,
    mapping: reading.mapping,
    problems: reading.problems.map(({ line, message }) => `${fileName}, line ${line}: ${message}`),
  };
}

function hasHeaderRow(reading: Reading): boolean {
  return reading.labels !== null && reading.headers.columnsLine === undefined;
}

/** Column titles: the header row's, `#columns:`, or `Column 1`, `Column 2` … as wide as the rows shown. */
function columnNames(reading: Reading, shown: string[][]): string[] {
  const width = Math.max(reading.columnCount, reading.labels?.length ?? 0, ...shown.map((row) => row.length));
  return Array.from({ length: width }, (_, index) => reading.labels?.[index] || `Column ${index + 1}`);
}

/** Rows of the summary's mapping step. */
const SUMMARY_ROWS = 8;

/**
 * Every row becomes a native note: `Basic` -> basic, `Basic (and reversed card)` -> reverse, `Cloze` ->
 * cloze (Text, and Back Extra as Extra), any other note type -> basic. Rows keep their place as in Anki:
 * extra fields are ignored and missing ones are empty (both reported), and a row whose front or back
 * ends up empty is skipped. A guid column gives `anki:<guid>` identities; otherwise a note is known by
 * its deck and front, so importing the same file again updates notes instead of duplicating them.
 */
export function parseDelimited(text: string, fileName: string, options: DelimitedOptions = {}): ImportBundle {
  const reading = read(text, fileName, options);
  const { headers, mapping, rows, html } = reading;
  const format = reading.recognised ? 'anki-text' : reading.delimiter === '\t' ? 'tsv' : 'csv';
  const builder = new BundleBuilder(format, fileName, options.limits ?? DEFAULT_LIMITS);
  for (const { line, message } of reading.problems) builder.problem(line, message);

  const defaultDeck = cleanDeckName(options.deckName ?? headers.deck ?? '') || deckNameFromFile(fileName);
  const expected = reading.columnCount;
  const lastMapped = Math.max(mapping.front, mapping.back);
  const separatorName = NAMED_SEPARATORS.find(([, separator]) => separator === reading.delimiter)?.[0] ?? JSON.stringify(reading.delimiter);

  // A file names few decks: each is cleaned once.
  const deckNames = new Map<string, string>();
  for (const { line, fields } of rows) {
    const cell = (index: number | undefined) => (index === undefined ? '' : (fields[index] ?? ''));
    const front = cell(mapping.front);
    let back = cell(mapping.back);
    const extras = (mapping.extra ?? []).map(cell).filter((value) => value.trim() !== '');
    if (extras.length) back = [back, ...extras].filter((value) => value.trim() !== '').join(html ? '<br><br>' : '\n\n');

    if (fields.length <= lastMapped && (front.trim() === '' || back.trim() === '')) {
      builder.problem(line, `has ${fields.length} field${fields.length === 1 ? '' : 's'} where ${Math.max(expected, lastMapped + 1)} are expected, so it has no ${front.trim() === '' ? 'front' : 'back'} (the separator read was ${separatorName}); skipped`);
      continue;
    }
    if (front.trim() === '') {
      builder.problem(line, 'the front is empty; skipped');
      continue;
    }
    const type = nativeTypeOf(mapping.notetype !== undefined ? cell(mapping.notetype) || headers.notetype : headers.notetype);
    if (back.trim() === '' && type !== 'cloze') {
      builder.problem(line, 'the back is empty; skipped');
      continue;
    }
    if (expected > 0 && fields.length !== expected) {
      builder.problem(line, fields.length > expected ? `has ${fields.length} fields where ${expected} are expected; the extra ones were ignored` : `has ${fields.length} fields where ${expected} are expected; the missing ones are empty`);
    }

    const rawDeck = cell(mapping.deck);
    let deckName = deckNames.get(rawDeck);
    if (deckName === undefined) deckNames.set(rawDeck, (deckName = cleanDeckName(rawDeck) || defaultDeck));
    const source = cell(mapping.source);
    const noteFields: Record<string, string> =
      type === 'cloze' ? { Text: front, ...(back.trim() ? { Extra: back } : {}) } : { Front: front, Back: back };
    if (source.trim()) noteFields.Source = source;
    const guid = cell(mapping.guid).trim();
    builder.addNote(
      {
        deckName,
        type,
        fields: noteFields,
        format: html ? 'html' : 'markdown',
        tags: uniqueTags([...headers.tags.flatMap(splitTags), ...splitTags(cell(mapping.tags))]),
        line,
      },
      guid ? { key: `anki:${guid}` } : { question: front },
    );
  }
  const bundle = builder.build(`no notes found: each row needs a front and a back separated by ${separatorName}`);
  const shown = rows.slice(0, PREVIEW_ROWS).map((row) => row.fields);
  bundle.columns = { names: columnNames(reading, shown), rows: shown.slice(0, SUMMARY_ROWS), delimiter: reading.delimiter, hasHeader: hasHeaderRow(reading), mapping: { ...mapping } };
  return bundle;
}
