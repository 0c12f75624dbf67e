// Builds out/ when it is missing or older than the sources, so `npm run web`, `cli` and `bench` just work.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

const root = join(dirname(new URL(import.meta.url).pathname), '..');
const outputs = ['out/main/index.js', 'out/main/web.js', 'out/main/cli.js', 'out/main/bench.js', 'out/main/import-worker.js', 'out/preload/index.cjs', 'out/renderer/index.html'];
const inputs = ['src', 'bench', 'electron.vite.config.ts', 'package.json'];

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = stat.mtimeMs;
  for (const entry of readdirSync(path)) max = Math.max(max, newest(join(path, entry)));
  return max;
}

export function isBuilt() {
  if (!outputs.every((file) => existsSync(join(root, file)))) return false;
  const built = Math.min(...outputs.map((file) => statSync(join(root, file)).mtimeMs));
  return inputs.every((input) => !existsSync(join(root, input)) || newest(join(root, input)) <= built);
}

/**
 * Builds when needed (or always with INTERLEAVE_REBUILD=1, after a checkout that left older times),
 * saying one line: the build's own listing of every file is shown only if it fails. Messages go
 * to stderr: stdout belongs to the command (the CLI's --json, for one).
 */
export function ensureBuilt() {
  if (!process.env.INTERLEAVE_REBUILD && isBuilt()) return;
  const started = Date.now();
  process.stderr.write('Building Interleave… ');
  const result = spawnSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    process.stderr.write('failed:\n');
    process.stderr.write(result.stdout ?? '');
    process.stderr.write(result.stderr ?? '');
    process.exit(result.status ?? 1);
  }
  process.stderr.write(`done in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) ensureBuilt();
