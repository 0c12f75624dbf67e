// The `interleave` command as a script would use it: JSON out, a settable clock, clear errors, exit codes.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openTestService, SAMPLE_DECKS } from '../helpers/service';
import { tempFolder } from '../helpers/temp-folder';

const root = join(import.meta.dirname, '../..');
const NOW = '2026-03-02T10:00:00Z';

function cli(dataDir: string, ...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/main/cli/main.ts'), '--data', dataDir, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, INTERLEAVE_DECKS: SAMPLE_DECKS, TZ: 'UTC' },
  });
  return { code: run.status, out: run.stdout, err: run.stderr, json: () => JSON.parse(run.stdout) };
}

// Each command is a process of its own that compiles the sources (tsx): minutes on a busy 2-core machine, so a longer hang guard.
describe('interleave CLI', { timeout: 180_000 }, () => {
  it('lists decks, what is due, answers, shows history and undoes, with --json and --now', () => {
    const data = tempFolder('cli');
    const decks = cli(data, '--json', 'decks');
    expect(decks.code).toBe(0);
    expect(decks.json().decks[0]).toMatchObject({ name: 'Sample', counts: { total: 16, new: 14, learning: 0, review: 0 } });

    const due = cli(data, '--json', '--now', NOW, 'due', '--deck', 'Basics', '--limit', '2').json();
    expect(due).toHaveLength(2);
    expect(due[0]).toMatchObject({ cardId: 's-softmax-definition/1', kind: 'new', deckName: 'Sample::Basics' });

    const answer = cli(data, '--json', '--now', NOW, 'answer', 's-softmax-definition/1', 'good', '--duration', '4200');
    expect(answer.code).toBe(0);
    expect(answer.json()).toMatchObject({ cardId: 's-softmax-definition/1', rating: 'good', due: Date.parse(NOW) + 600_000, intervalLabel: '10m' });

    const shown = cli(data, '--json', '--now', NOW, 'show', 's-softmax-definition/1').json();
    expect(shown.state.kind).toBe('learning');
    expect(shown.history).toEqual([expect.objectContaining({ rating: 'good', durationMs: 4200, kind: 'new', at: Date.parse(NOW) })]);
    const text = cli(data, '--now', NOW, 'show', 's-softmax-definition/1').out;
    expect(text).toContain('## Text');
    expect(text).toMatch(/2026-03-02 10:00\s+good\s+new/);

    expect(cli(data, '--json', 'undo').json()).toEqual({ cardId: 's-softmax-definition/1', rating: 'good', label: 'answer “Good”', undoDepth: 0, next: null });
    expect(cli(data, '--json', 'show', 's-softmax-definition/1').json().history).toEqual([]);
    expect(cli(data, 'undo').out.trim()).toBe('Nothing to undo.');
  });

  it('explains bad input and exits with 2', () => {
    const data = tempFolder('cli');
    const badRating = cli(data, 'answer', 's-code/1', 'perfect');
    expect(badRating.code).toBe(2);
    expect(badRating.err).toContain('rating "perfect" is not one of again, hard, good, easy');
    const unknown = cli(data, 'answer', 'nope/1', 'good');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('No card with id "nope/1"');
    expect(cli(data, '--now', 'yesterday', 'decks').err).toContain('--now: "yesterday" is not an ISO-8601 date');
    expect(cli(data, 'frobnicate').code).toBe(2);
    expect(cli(data, '--json', 'show', 'nope/1').json()).toEqual({ error: { code: 'not_found', message: 'No card with id "nope/1".', where: { field: 'cardId' } } });
  });

  it('imports a deck file, previews with --dry-run, never duplicates, and updates in place', () => {
    const data = tempFolder('cli');
    const file = join(tempFolder('deckfile'), 'mine.md');
    writeFileSync(file, '---\ndeck: Mine\n---\n\n## m-one\n### Front\nQ1\n### Back\nA1\n\n## m-two\ntype: reverse\n### Front\nQ2\n### Back\nA2\n');
    const preview = cli(data, '--json', 'import', file, '--dry-run').json();
    expect(preview).toMatchObject({ dryRun: true, notes: { added: 2 }, cards: { added: 3 } });
    expect(cli(data, '--json', 'decks').json().decks.map((d: { name: string }) => d.name)).toEqual(['Sample']);
    expect(cli(data, '--json', 'import', file).json()).toMatchObject({ notes: { added: 2 }, cards: { added: 3 } });
    expect(cli(data, '--json', 'import', file).json()).toMatchObject({ notes: { added: 0, unchanged: 2 }, cards: { added: 0, unchanged: 3 } });
    cli(data, '--now', NOW, 'answer', 'm-one/1', 'easy');
    writeFileSync(file, readFileSync(file, 'utf8').replace('A1', 'A1, corrected'));
    expect(cli(data, '--json', 'import', file).json()).toMatchObject({ notes: { updated: 1, unchanged: 1 } });
    const card = cli(data, '--json', 'show', 'm-one/1').json();
    expect(card.note.fields.Back).toBe('A1, corrected');
    expect(card.history).toHaveLength(1);
  });

  it('names file, line and column when a deck file is wrong, and imports nothing', () => {
    const data = tempFolder('cli');
    const file = join(tempFolder('deckfile'), 'broken.md');
    writeFileSync(file, '---\ndeck: Broken\n---\n\n## ok\n### Front\nQ\n### Back\nA\n\n## bad\ntype: cloze\n### Text\n{{c1::never closed\n');
    const run = cli(data, 'import', file);
    expect(run.code).toBe(2);
    expect(run.err).toContain(`${file}:13:5: card "bad": cloze is never closed with }}`);
    expect(cli(data, '--json', 'decks').json().decks.map((d: { name: string }) => d.name)).toEqual(['Sample']);
  });

  it('makes the daily backup after a command that writes, not after one that only reads, and says when it fails', () => {
    const data = tempFolder('cli');
    const backups = () => (existsSync(join(data, 'backups')) ? readdirSync(join(data, 'backups')).sort() : []);
    expect(cli(data, '--now', NOW, 'answer', 's-adam-defaults/1', 'good').code).toBe(0);
    expect(backups()).toEqual(['backup-2026-03-02T10-00-00-000']);
    // The next day: reading makes none, the first write does.
    const nextDay = '2026-03-03T10:00:00Z';
    expect(cli(data, '--now', nextDay, 'decks').code).toBe(0);
    expect(backups()).toHaveLength(1);
    expect(cli(data, '--now', nextDay, 'answer', 's-code/1', 'good').code).toBe(0);
    expect(backups()).toEqual(['backup-2026-03-02T10-00-00-000', 'backup-2026-03-03T10-00-00-000']);

    // A backups "folder" that is a file: the answer still counts (exit 0), and the failure is said.
    rmSync(join(data, 'backups'), { recursive: true });
    writeFileSync(join(data, 'backups'), 'not a folder');
    const failed = cli(data, '--now', '2026-03-04T10:00:00Z', 'answer', 's-bias-variance/1', 'easy');
    expect(failed.code).toBe(0);
    expect(failed.err).toMatch(/interleave: warning: the daily backup failed: ENOTDIR/);
    expect(readFileSync(join(data, 'journal.jsonl'), 'utf8')).toContain('"type":"review","at":1772618400000,"cardId":"s-bias-variance/1"');
  });

  it('exits with 3 and names the holder when the data folder is in use', async () => {
    const data = tempFolder('cli');
    const { service } = openTestService({ dataDir: data });
    try {
      const locked = cli(data, 'decks');
      expect(locked.code).toBe(3);
      expect(locked.err).toContain(`is in use by process ${process.pid} (test)`);
      const json = cli(data, '--json', 'answer', 's-code/1', 'good');
      expect(json.code).toBe(3);
      expect(json.json().error).toMatchObject({ code: 'data_locked' });
    } finally {
      await service.close();
    }
    // Released, the folder opens again, and nothing was written while it was held.
    expect(cli(data, 'decks').code).toBe(0);
    expect(cli(data, '--json', 'show', 's-code/1').json().history).toEqual([]);
  });

  it('check exits with 4 and says where when the journal is damaged', () => {
    const data = tempFolder('cli');
    cli(data, '--now', NOW, 'answer', 's-code/1', 'good');
    cli(data, '--now', NOW, 'answer', 's-bias-variance/1', 'good');
    cli(data, '--now', NOW, 'answer', 's-adam-defaults/1', 'good');
    expect(cli(data, 'check').code).toBe(0);
    // The second answer's line, with a good one after it (a damaged last line is a torn write), and
    // after the snapshot the first answer's daily backup wrote, so opening reads it.
    const journal = join(data, 'journal.jsonl');
    const lines = readFileSync(journal, 'utf8').split('\n');
    // Whatever comes before the answers (settings, the deck install), find the second answer's line.
    const answer = lines.map((line, i) => (line.includes('"type":"review"') ? i : -1)).filter((i) => i >= 0)[1]!;
    expect(answer).toBeLessThan(lines.length - 2);
    lines[answer] = lines[answer]!.replace('"rating":3', '"rating":4');
    writeFileSync(journal, lines.join('\n'));
    const check = cli(data, 'check');
    expect(check.code).toBe(4);
    expect(check.out).toMatch(new RegExp(`journal\\s+DAMAGED .*line ${answer + 1} \\(byte \\d+\\): the checksum does not match the line`));
    const refused = cli(data, 'decks');
    expect(refused.code).toBe(4);
    expect(refused.err).toMatch(/Ways back, best first:\n\s+interleave (cut-at-damage|restore backup-)/);
  });
});
