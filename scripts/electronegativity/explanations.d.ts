// Types of the plain JavaScript module beside it.

/** One Electronegativity finding, its file relative to the project root ("N/A" for the whole app). */
export interface Finding {
  check: string;
  file: string;
  line: number;
  column: number;
  severity: string;
  confidence: string;
  description: string;
}

/** One row of the explanations table in docs/decisions.md. */
export interface Explanation {
  check: string;
  file: string;
  /** How many findings of this check in this file the row explains. */
  count: number;
  reason: string;
  /** The row's line in docs/decisions.md. */
  line: number;
}

export const EXPLANATIONS_HEADING: string;

export function readExplanations(markdown: string, docName?: string): { explanations: Explanation[]; problems: string[] };

export function judgeFindings(
  findings: Finding[],
  explanations: Explanation[],
): { explained: Finding[]; unexplained: Array<{ finding: Finding; note: string }>; stale: Array<{ explanation: Explanation; found: number }> };

export function describeFinding(finding: Finding): string;
