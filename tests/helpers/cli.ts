// Runs the `interleave` command from the sources as a script would, in a process of its own.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { SAMPLE_DECKS } from './service';

export const ROOT = join(import.meta.dirname, '../..');
/** Node's arguments that run the command from its TypeScript sources. */
export const CLI = ['--import', 'tsx', join(ROOT, 'src/main/cli/main.ts')];
/** The sample decks as the built-in ones, and days counted in UTC. */
export const CLI_ENV = { ...process.env, INTERLEAVE_DECKS: SAMPLE_DECKS, TZ: 'UTC' };

export function cli(dataDir: string, ...args: string[]) {
  const run = spawnSync(process.execPath, [...CLI, '--data', dataDir, ...args], { cwd: ROOT, encoding: 'utf8', env: CLI_ENV });
  return { code: run.status, out: run.stdout, err: run.stderr, json: () => JSON.parse(run.stdout) };
}
