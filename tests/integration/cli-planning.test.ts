// The interview commands as a script uses them: --json out, clear errors, exit codes.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLE_DECKS } from '../helpers/service';
import { tempFolder } from '../helpers/temp-folder';

const root = join(import.meta.dirname, '../..');
const NOW = '2026-12-07T10:00:00Z';

function cli(dataDir: string, ...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/main/cli/main.ts'), '--data', dataDir, '--now', NOW, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, INTERLEAVE_DECKS: SAMPLE_DECKS, TZ: 'UTC' },
  });
  return { code: run.status, out: run.stdout, err: run.stderr, json: () => JSON.parse(run.stdout) };
}

describe('interleave plan, readiness, simulate and optimize', () => {
  it('adds, lists and removes interviews, and reports readiness and workload as JSON', () => {
    const data = tempFolder('cli-plan');
    const added = cli(data, '--json', 'plan', 'add', '--name', 'Onsite', '--date', '2027-03-03T09:00:00Z', '--deck', 'Sample', '--minutes', '45');
    expect(added.code).toBe(0);
    expect(added.json()).toMatchObject({ id: 'onsite', name: 'Onsite', at: Date.parse('2027-03-03T09:00:00Z'), minutesPerDay: 45, targetRecall: 0.9, bufferDays: 3 });
    expect(cli(data, '--json', 'plan', 'list').json()).toEqual([expect.objectContaining({ name: 'Onsite' })]);

    const readiness = cli(data, '--json', 'readiness', '--plan', 'Onsite');
    expect(readiness.code).toBe(0);
    const r = readiness.json();
    expect(r.date).toBe('2027-03-03T09:00:00.000Z');
    expect(r.overall).toMatchObject({ stopNow: 0, withPlan: expect.any(Number) });
    expect(r.overall.withPlan).toBeGreaterThan(0.5);
    expect(r.rounds.length + r.topics.length).toBeGreaterThan(0);
    for (const group of [...r.rounds, ...r.topics]) expect(group).toMatchObject({ name: expect.any(String), cards: expect.any(Number), stopNow: expect.any(Number), withPlan: expect.any(Number) });
    expect(r.atRisk).toEqual([]);
    expect(r.band.halfWidth).toBe(0.15);

    const dated = cli(data, '--json', 'readiness', '--date', '2027-01-10T09:00:00Z').json();
    expect(dated.date).toBe('2027-01-10T09:00:00.000Z');

    const simulation = cli(data, '--json', 'simulate', '--days', '20');
    expect(simulation.code).toBe(0);
    const s = simulation.json();
    expect(s.days).toBe(20);
    expect(s.options.map((o: { desiredRetention: number }) => o.desiredRetention)).toEqual(expect.arrayContaining([0.7, 0.9, 0.97]));
    expect(cli(data, '--json', 'simulate', '--days', '20').json()).toEqual(s);

    const optimize = cli(data, '--json', 'optimize');
    expect(optimize.code).toBe(0);
    expect(optimize.json()).toMatchObject({ reviews: 0, train: 0, test: 0, current: null, optimized: null, weights: null, applied: false, verdict: 'too-little-history' });

    const stats = cli(data, '--json', 'stats').json();
    expect(stats.calibration).toMatchObject({ reviews: 0, bins: [] });

    expect(cli(data, '--json', 'plan', 'remove', 'Onsite').json()).toEqual({ deleted: true });
    expect(cli(data, '--json', 'plan', 'list').json()).toEqual([]);
  }, 120_000);

  it('refuses bad input with exit code 2 and says what is wrong', () => {
    const data = tempFolder('cli-plan');
    const past = cli(data, 'plan', 'add', '--name', 'Old', '--date', '2020-01-01');
    expect(past.code).toBe(2);
    expect(past.err).toMatch(/in the past/);
    const missing = cli(data, 'plan', 'add', '--name', 'X');
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/--date/);
    const unknown = cli(data, '--json', 'readiness', '--plan', 'Nope');
    expect(unknown.code).toBe(2);
    expect(unknown.json().error.code).toBe('not_found');
    expect(cli(data, 'readiness').err).toMatch(/Add an interview/);
    expect(cli(data, 'optimize', '--preset', 'Nope').code).toBe(2);
  }, 120_000);
});
