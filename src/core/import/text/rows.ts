// Splits delimited text into rows of fields with papaparse, keeping the line each row starts on.
import Papa from 'papaparse';

export interface TextRow {
  /** 1-based line of the file where the row starts. */
  line: number;
  fields: string[];
}

export interface RowReading {
  rows: TextRow[];
  problems: { line: number; message: string }[];
}

/**
 * Reads `body` (line breaks already `\n`), whose first line is line `firstLine` of the file. Quoted fields
 * may hold separators, line breaks and `""`. Blank lines are skipped; so are lines starting with `#`,
 * which Anki reads as comments anywhere in the file. A quote that papaparse cannot close swallows the
 * rest of the file, so the lines it took are read again one by one without quoting, and reported.
 * `rowSeparator` (Quizlet's "between rows" choice) switches quoting off: such exports never quote.
 */
export function readRows(body: string, firstLine: number, delimiter: string, rowSeparator?: string): RowReading {
  const lines = new LineCounter(body, firstLine);
  const rows: TextRow[] = [];
  const problems: RowReading['problems'] = [];
  let seenData = false;

  const take = (start: number, fields: string[]) => {
    const line = lines.lineAt(start);
    if (fields.length === 1 && fields[0]!.trim() === '') return;
    if (body.startsWith('#', start)) {
      if (seenData) problems.push({ line, message: 'starts with # so it was read as a comment, as Anki does; skipped' });
      return;
    }
    seenData = true;
    rows.push({ line, fields });
  };

  if (rowSeparator !== undefined && rowSeparator !== '\n') {
    let start = 0;
    while (start <= body.length) {
      const end = rowSeparator === '' ? -1 : body.indexOf(rowSeparator, start);
      const stop = end < 0 ? body.length : end;
      const text = body.slice(start, stop);
      // Quizlet puts a line break after its row separator too; it is not part of the next term.
      const lead = /^\n*/.exec(text)![0].length;
      take(start + lead, text.slice(lead).replace(/\n+$/, '').split(delimiter));
      if (end < 0) break;
      start = end + rowSeparator.length;
    }
    return { rows, problems };
  }

  let rowStart = 0;
  Papa.parse<string[]>(body, {
    delimiter,
    newline: '\n',
    quoteChar: '"',
    escapeChar: '"',
    header: false,
    skipEmptyLines: false,
    step: (result) => {
      const end = result.meta.cursor;
      if (result.errors.length === 0) take(rowStart, result.data);
      else {
        const region = body.slice(rowStart, end);
        const count = region.split('\n').length;
        problems.push({
          line: lines.lineAt(rowStart),
          message: `a quote mark here is never closed or is followed by more text (a quoted field must end with " before the separator), so ${count === 1 ? 'this line was' : `these ${count} lines were`} read without quoting`,
        });
        let at = rowStart;
        for (const physical of region.split('\n')) {
          take(at, physical.split(delimiter).map(unquote));
          at += physical.length + 1;
        }
      }
      rowStart = end;
    },
  });
  return { rows, problems };
}

/** `"a ""b"""` -> `a "b"` when a field is wholly quoted; anything else as it is. */
function unquote(field: string): string {
  return field.length >= 2 && field.startsWith('"') && field.endsWith('"') ? field.slice(1, -1).replace(/""/g, '"') : field;
}

/** Line numbers of increasing offsets, counting each line break once in all. */
class LineCounter {
  private line: number;
  /** The first line break not yet counted (-1: none left), so a long line is searched once, not per row. */
  private nextBreak: number;

  constructor(
    private readonly text: string,
    firstLine: number,
  ) {
    this.line = firstLine;
    this.nextBreak = text.indexOf('\n');
  }

  lineAt(offset: number): number {
    while (this.nextBreak >= 0 && this.nextBreak < offset) {
      this.line++;
      this.nextBreak = this.text.indexOf('\n', this.nextBreak + 1);
    }
    return this.line;
  }
}
