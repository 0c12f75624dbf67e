// `npm run electronegativity`: scans the app's sources for Electron security problems; fails on any finding docs/decisions.md does not explain.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describeFinding, EXPLANATIONS_HEADING, judgeFindings, readExplanations } from './explanations.js';
import { scanSources } from './scan.js';

const projectRoot = join(dirname(new URL(import.meta.url).pathname), '../..');

/**
 * Everything the app is built from: the shell, the preload, the renderer with its page and CSP, and
 * the code they load; package.json for the Electron version. Not the build (same settings, bundled:
 * worse locations, and the scanner cannot read the preload's .cjs) and not the tests.
 */
export const SCANNED = ['src', 'package.json'];
const DOC = 'docs/decisions.md';

/** Runs the check on the project at `root`; returns the exit code after printing what it found. */
export async function checkElectronegativity(root = projectRoot, write = (line) => console.log(line)) {
  const started = Date.now();
  const { explanations, problems: tableProblems } = readExplanations(readFileSync(join(root, DOC), 'utf8'), DOC);
  const scan = await scanSources(root, SCANNED);
  const { explained, unexplained, stale } = judgeFindings(scan.findings, explanations);
  const unreadable = scan.errors.filter((error) => !error.tolerable);
  unexplained.sort((a, b) => a.finding.file.localeCompare(b.finding.file) || a.finding.line - b.finding.line || a.finding.column - b.finding.column);
  const failures = [
    ...unexplained.map(({ finding, note }) => `  ${describeFinding(finding)}  [${note}]`),
    ...stale.map(({ explanation, found }) => `  ${DOC}:${explanation.line}: ${explanation.check} in ${explanation.file} is explained for ${explanation.count} finding${explanation.count === 1 ? '' : 's'} but found ${found} time${found === 1 ? '' : 's'}: the explanation is stale, correct or remove the row.`),
    ...unreadable.map((error) => `  ${error.file}: the scanner could not parse it (${error.message}), so its findings are unknown.`),
    ...scan.connections.map((target) => `  the scanner tried to open a connection to ${target}: it must run offline.`),
    ...[...tableProblems, ...scan.problems].map((problem) => `  ${problem}`),
  ];
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const summary = `Electronegativity: ${scan.checks} checks over ${scan.files.length} files of ${SCANNED.join(', ')}: ${scan.findings.length} finding${scan.findings.length === 1 ? '' : 's'}, ${explained.length} explained in ${DOC}, section "${EXPLANATIONS_HEADING}"`;
  if (failures.length === 0) {
    write(`${summary} (${seconds} s).`);
    return 0;
  }
  write(`${summary}. It fails on:`);
  for (const line of failures) write(line);
  if (unexplained.length > 0) write(`Fix the code, or, for a false positive or a conscious choice, add a row (check, file, number of findings, reason) to the table in ${DOC}.`);
  // Its one routine line says the refused translations download did not happen: not worth showing.
  const chatter = scan.chatter.filter((line) => !line.startsWith('Could not retrieve updated translations'));
  if (chatter.length > 0) write(`The scanner said:\n${chatter.map((line) => `  ${line}`).join('\n')}`);
  return 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rootFlag = process.argv.indexOf('--root');
  const root = rootFlag >= 0 && process.argv[rootFlag + 1] ? resolve(process.argv[rootFlag + 1]) : projectRoot;
  process.exitCode = await checkElectronegativity(root);
}
