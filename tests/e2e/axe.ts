// The axe-core scan the end-to-end tests run on a screen: critical and serious violations, each with where it is.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

export async function scan(page: Page): Promise<Violation[]> {
  // Given as source to evaluate: the app's CSP (script-src 'self') rightly refuses an injected script tag.
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: Violation[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return violations.filter((violation) => violation.impact === 'critical' || violation.impact === 'serious');
}

/** Each problem as a line naming the rule and the first places it is found, so a failure says what to fix. */
export function violationLines(found: Violation[]): string[] {
  return found.map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}
