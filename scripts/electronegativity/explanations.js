// Reads the table of explained Electronegativity findings in docs/decisions.md and judges a scan against it.
import MarkdownIt from 'markdown-it';

/** The section of docs/decisions.md whose table explains findings; the table is the first one in it. */
export const EXPLANATIONS_HEADING = 'Security review with Electronegativity';
const COLUMNS = ['check', 'file', 'findings', 'reason'];
/** Cells that say nothing: a row needs a reason someone can check. */
const PLACEHOLDERS = new Set(['', '-', '—', '–', '?', 'todo', 'tbd', 'n/a']);

/** A cell's text, without the backticks that mark a check or a path as code. */
function cellText(content) {
  const text = content.trim();
  const code = /^`([^`]+)`$/.exec(text);
  return code ? code[1].trim() : text;
}

/** The table rows of the explanations section as [line, cells] pairs, the header first. */
function sectionRows(tokens) {
  let inSection = false;
  let rows = null;
  let current = null;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.type === 'heading_open' && (token.tag === 'h1' || token.tag === 'h2')) {
      if (inSection) break;
      inSection = token.tag === 'h2' && tokens[i + 1]?.content.trim() === EXPLANATIONS_HEADING;
      continue;
    }
    if (!inSection) continue;
    if (token.type === 'table_open') {
      rows = [];
    } else if (token.type === 'table_close') {
      break;
    } else if (rows && token.type === 'tr_open') {
      current = { line: token.map ? token.map[0] + 1 : 0, cells: [] };
      rows.push(current);
    } else if (rows && current && token.type === 'inline') {
      current.cells.push(token.content);
    }
  }
  return { found: inSection || rows !== null, rows };
}

/**
 * The explanations listed in `markdown` (docs/decisions.md), and every problem with the table
 * (missing section, unknown columns, a row without reason or count, a check and file listed twice).
 * Each problem names the document's line.
 */
export function readExplanations(markdown, docName = 'docs/decisions.md') {
  const tokens = new MarkdownIt().parse(markdown, {});
  const { found, rows } = sectionRows(tokens);
  if (!found) return { explanations: [], problems: [`${docName}: no section "## ${EXPLANATIONS_HEADING}" to explain findings in.`] };
  if (!rows || rows.length === 0) return { explanations: [], problems: [`${docName}: the section "${EXPLANATIONS_HEADING}" has no table of explained findings.`] };
  const [header, ...body] = rows;
  const names = header.cells.map((cell) => cellText(cell).toLowerCase());
  const index = Object.fromEntries(COLUMNS.map((column) => [column, names.indexOf(column)]));
  const missing = COLUMNS.filter((column) => index[column] < 0);
  if (missing.length > 0) {
    return { explanations: [], problems: [`${docName}:${header.line}: the explanations table needs the columns ${COLUMNS.join(', ')} (missing: ${missing.join(', ')}).`] };
  }
  const explanations = [];
  const problems = [];
  const seen = new Map();
  for (const row of body) {
    const cell = (column) => cellText(row.cells[index[column]] ?? '');
    const where = `${docName}:${row.line}`;
    const explanation = { check: cell('check'), file: cell('file'), count: Number(cell('findings')), reason: cell('reason'), line: row.line };
    const rowProblems = [];
    if (!/^[A-Z0-9_]+$/.test(explanation.check)) rowProblems.push(`${where}: "${explanation.check}" is not a check name (like OPEN_EXTERNAL_JS_CHECK).`);
    if (explanation.file === '') rowProblems.push(`${where}: the row names no file (N/A for findings about the whole app).`);
    if (!/^[1-9][0-9]*$/.test(cell('findings'))) rowProblems.push(`${where}: "${cell('findings')}" is not a number of findings (1 or more).`);
    if (PLACEHOLDERS.has(explanation.reason.toLowerCase())) rowProblems.push(`${where}: ${explanation.check} in ${explanation.file} has no reason.`);
    const key = `${explanation.check}\u0000${explanation.file}`;
    if (seen.has(key)) rowProblems.push(`${where}: ${explanation.check} in ${explanation.file} is already listed on line ${seen.get(key)}: give one row its number of findings.`);
    seen.set(key, row.line);
    if (rowProblems.length > 0) problems.push(...rowProblems);
    else explanations.push(explanation);
  }
  return { explanations, problems };
}

/**
 * Sorts a scan's findings. A finding is explained only when a row names its check and file and the
 * row's number of findings covers every finding of that check in that file: one more finding than
 * listed leaves them all unexplained (which one is new cannot be told). A row whose check and file
 * are found fewer times than it says, or not at all, is stale.
 */
export function judgeFindings(findings, explanations) {
  const byKey = new Map();
  for (const finding of findings) {
    const key = `${finding.check}\u0000${finding.file}`;
    byKey.set(key, [...(byKey.get(key) ?? []), finding]);
  }
  const rows = new Map(explanations.map((explanation) => [`${explanation.check}\u0000${explanation.file}`, explanation]));
  const explained = [];
  const unexplained = [];
  const stale = [];
  for (const [key, group] of byKey) {
    const row = rows.get(key);
    if (!row) unexplained.push(...group.map((finding) => ({ finding, note: 'not explained' })));
    else if (group.length > row.count) unexplained.push(...group.map((finding) => ({ finding, note: `${group.length} found, ${row.count} explained (line ${row.line})` })));
    else explained.push(...group);
  }
  for (const [key, row] of rows) {
    const found = byKey.get(key)?.length ?? 0;
    if (found < row.count) stale.push({ explanation: row, found });
  }
  return { explained, unexplained, stale };
}

/** One finding as a person reads it: where, which check, how bad, what. */
export function describeFinding(finding) {
  const where = finding.file === 'N/A' ? 'the whole app' : `${finding.file}:${finding.line}:${finding.column}`;
  return `${where}  ${finding.check} (${finding.severity.toLowerCase()}, ${finding.confidence.toLowerCase()}): ${finding.description}`;
}
