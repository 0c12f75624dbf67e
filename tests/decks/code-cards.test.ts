// Python on the cards runs as shown: every ```python block executes on its own and its asserts hold.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDeck } from '../../src/core/deck-format/parse';

const root = join(import.meta.dirname, '../..');

function pythonBlocks(): { id: string; code: string }[] {
  const blocks: { id: string; code: string }[] = [];
  const only = process.env.DECK ? process.env.DECK.replace(/^decks\//, '') : null;
  for (const file of readdirSync(join(root, 'decks')).filter((name) => name.endsWith('.md') && (!only || name === only))) {
    const result = parseDeck(readFileSync(join(root, 'decks', file), 'utf8'));
    if (!result.ok) continue;
    for (const note of result.deck.notes) {
      for (const [field, value] of Object.entries(note.fields)) {
        const fence = /^```python[^\n]*\n([\s\S]*?)^```\s*$/gm;
        let match: RegExpExecArray | null;
        let n = 0;
        while ((match = fence.exec(value))) blocks.push({ id: `${note.id} ${field} #${++n}`, code: match[1]! });
      }
    }
  }
  return blocks;
}

function probe(): { python: string | null; numpy: boolean; torch: boolean; reason: string } {
  const version = spawnSync('python3', ['-c', 'import sys; print(sys.version)'], { encoding: 'utf8' });
  if (version.status !== 0) return { python: null, numpy: false, torch: false, reason: 'python3 is not installed' };
  const has = (module: string) => spawnSync('python3', ['-c', `import ${module}`]).status === 0;
  const numpy = has('numpy');
  return { python: 'python3', numpy, torch: has('torch'), reason: numpy ? '' : 'NumPy is not installed for python3' };
}

const env = probe();

// Each block runs in a fresh namespace of one interpreter; failures come back as JSON.
const RUNNER = `
import json, sys, traceback
blocks = json.load(sys.stdin)
failures = []
for block in blocks:
    try:
        exec(compile(block["code"], block["id"], "exec"), {"__name__": "__main__"})
    except Exception:
        failures.append({"id": block["id"], "error": traceback.format_exc(limit=2)})
print(json.dumps(failures))
`;

describe('python code on cards', () => {
  it.skipIf(!env.numpy)(`runs every python block as shown${env.numpy ? '' : ` (skipped: ${env.reason})`}`, () => {
    const blocks = pythonBlocks().filter((block) => env.torch || !/^\s*(import|from)\s+torch/m.test(block.code));
    const run = spawnSync('python3', ['-c', RUNNER], { input: JSON.stringify(blocks), encoding: 'utf8', timeout: 120_000 });
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([]);
  });
});
