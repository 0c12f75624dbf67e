// The stylesheet's blocks close where they should: an unclosed @media once swallowed every rule after it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const css = readFileSync(join(import.meta.dirname, '../../../src/renderer/styles/app.css'), 'utf8');

describe('app.css', () => {
  it('opens and closes every block, with rules nested only inside @media, @container or @supports', () => {
    const text = css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/"[^"]*"|'[^']*'/g, '""');
    let depth = 0;
    let media = 0;
    const problems: string[] = [];
    text.split('\n').forEach((line, i) => {
      for (const char of line) {
        if (char === '{') {
          depth++;
          if (/^\s*@(media|container|supports)/.test(line)) media = depth;
        } else if (char === '}') {
          depth--;
          if (depth < media) media = 0;
        }
      }
      if (depth < 0) problems.push(`line ${i + 1}: a } with no block to close`);
      // A rule inside a rule (outside @media) is a block left open above it.
      if (depth > (media ? 2 : 1)) problems.push(`line ${i + 1}: nested ${depth} deep`);
    });
    expect(problems.slice(0, 5)).toEqual([]);
    expect(depth).toBe(0);
  });
});
