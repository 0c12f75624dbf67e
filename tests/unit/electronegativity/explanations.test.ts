// The Electronegativity check's rule: a finding passes only when docs/decisions.md explains its check in its file.
import { describe, expect, it } from 'vitest';
import { judgeFindings, readExplanations, type Finding } from '../../../scripts/electronegativity/explanations.js';

const finding = (check: string, file: string, line = 10): Finding => ({
  check,
  file,
  line,
  column: 4,
  severity: 'MEDIUM',
  confidence: 'FIRM',
  description: 'Review the use of something',
});

/** A decisions document with the explanations section and the given table rows under its header. */
const doc = (...rows: string[]) =>
  [
    '# Decisions',
    '',
    '## Something else',
    '',
    '| Check | File | Findings | Reason |',
    '| --- | --- | --- | --- |',
    '| `OPEN_EXTERNAL_JS_CHECK` | `src/elsewhere.ts` | 1 | a table in another section explains nothing |',
    '',
    '## Security review with Electronegativity',
    '',
    'Findings we keep, and why.',
    '',
    '| Check | File | Findings | Reason |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
    '## After',
    '',
  ].join('\n');

const judge = (findings: Finding[], markdown: string) => {
  const { explanations, problems } = readExplanations(markdown);
  expect(problems).toEqual([]);
  return judgeFindings(findings, explanations);
};

describe('judging findings against docs/decisions.md', () => {
  it('fails a finding whose check and file are not in the table', () => {
    const verdict = judge([finding('NODE_INTEGRATION_JS_CHECK', 'src/main/shell/main.ts')], doc('| `PRELOAD_JS_CHECK` | `src/main/shell/main.ts` | 1 | the preload exposes only the contract |'));
    expect(verdict.unexplained.map(({ finding: f }) => `${f.check} ${f.file}:${f.line}`)).toEqual(['NODE_INTEGRATION_JS_CHECK src/main/shell/main.ts:10']);
    expect(verdict.explained).toEqual([]);
  });

  it('passes a finding whose check and file are listed with a reason', () => {
    const verdict = judge([finding('PRELOAD_JS_CHECK', 'src/main/shell/main.ts')], doc('| `PRELOAD_JS_CHECK` | `src/main/shell/main.ts` | 1 | the preload exposes only the contract |'));
    expect(verdict.unexplained).toEqual([]);
    expect(verdict.stale).toEqual([]);
    expect(verdict.explained).toHaveLength(1);
  });

  it('needs both the check and the file to match: the same check elsewhere is not explained', () => {
    const verdict = judge(
      [finding('OPEN_EXTERNAL_JS_CHECK', 'src/main/shell/security.ts'), finding('OPEN_EXTERNAL_JS_CHECK', 'src/main/shell/menu.ts')],
      doc('| `OPEN_EXTERNAL_JS_CHECK` | `src/main/shell/security.ts` | 1 | only http and https links leave the app |'),
    );
    expect(verdict.unexplained.map(({ finding: f }) => f.file)).toEqual(['src/main/shell/menu.ts']);
  });

  it('ignores tables outside the section: a row elsewhere explains nothing', () => {
    const verdict = judge([finding('OPEN_EXTERNAL_JS_CHECK', 'src/elsewhere.ts')], doc());
    expect(verdict.unexplained).toHaveLength(1);
  });

  it('fails every finding of a check in a file when there are more than the row explains', () => {
    const verdict = judge(
      [finding('OPEN_EXTERNAL_JS_CHECK', 'src/main/shell/security.ts', 23), finding('OPEN_EXTERNAL_JS_CHECK', 'src/main/shell/security.ts', 60)],
      doc('| `OPEN_EXTERNAL_JS_CHECK` | `src/main/shell/security.ts` | 1 | only http and https links leave the app |'),
    );
    expect(verdict.unexplained.map(({ finding: f }) => f.line)).toEqual([23, 60]);
    expect(verdict.unexplained[0]!.note).toContain('2 found, 1 explained');
  });

  it('reports a row whose finding is gone as stale, with its line in the document', () => {
    const verdict = judge([], doc('| `PRELOAD_JS_CHECK` | `src/main/shell/main.ts` | 1 | the preload exposes only the contract |'));
    expect(verdict.stale).toEqual([{ explanation: expect.objectContaining({ check: 'PRELOAD_JS_CHECK', file: 'src/main/shell/main.ts', line: 15 }), found: 0 }]);
  });

  it('reports a row that explains more findings than remain as stale', () => {
    const verdict = judge([finding('CSP_GLOBAL_CHECK', 'src/renderer/index.html')], doc('| `CSP_GLOBAL_CHECK` | `src/renderer/index.html` | 2 | script-src self serves no user files as scripts |'));
    expect(verdict.unexplained).toEqual([]);
    expect(verdict.stale.map(({ found }) => found)).toEqual([1]);
  });

  it('explains a finding about the whole app by the file N/A', () => {
    const verdict = judge([finding('PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK', 'N/A')], doc('| `PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK` | N/A | 1 | a conscious choice, for this test |'));
    expect(verdict.unexplained).toEqual([]);
  });
});

describe('reading the explanations table', () => {
  it('refuses a row without a reason, so it explains nothing', () => {
    const { explanations, problems } = readExplanations(doc('| `PRELOAD_JS_CHECK` | `src/main/shell/main.ts` | 1 | — |'));
    expect(explanations).toEqual([]);
    expect(problems).toEqual(['docs/decisions.md:15: PRELOAD_JS_CHECK in src/main/shell/main.ts has no reason.']);
  });

  it('refuses a row without a number of findings, or listed twice', () => {
    const { problems } = readExplanations(
      doc(
        '| `PRELOAD_JS_CHECK` | `src/main/shell/main.ts` | some | the preload exposes only the contract |',
        '| `OPEN_EXTERNAL_JS_CHECK` | `src/a.ts` | 1 | one reason |',
        '| `OPEN_EXTERNAL_JS_CHECK` | `src/a.ts` | 1 | the same again |',
      ),
    );
    expect(problems).toEqual([
      'docs/decisions.md:15: "some" is not a number of findings (1 or more).',
      'docs/decisions.md:17: OPEN_EXTERNAL_JS_CHECK in src/a.ts is already listed on line 16: give one row its number of findings.',
    ]);
  });

  it('says so when the section or its table is missing, or a column is', () => {
    expect(readExplanations('# Decisions\n\n## Other\n').problems[0]).toContain('no section "## Security review with Electronegativity"');
    expect(readExplanations('## Security review with Electronegativity\n\nNothing yet.\n').problems[0]).toContain('has no table');
    expect(readExplanations('## Security review with Electronegativity\n\n| Check | File | Reason |\n| --- | --- | --- |\n').problems[0]).toContain('missing: findings');
  });
});
