// Runs Electronegativity's scanner over chosen sources of a project, offline: nothing is downloaded.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, relative, sep } from 'node:path';

const require = createRequire(import.meta.url);
/** Resolves modules as the scanner's own files do. */
const scannerRequire = createRequire(require.resolve('@doyensec/electronegativity/package.json'));

/**
 * Its one check that needs the network: it downloads Electron's release list from GitHub at every
 * run (and reads whatever list an earlier run left in the temporary folder). CI has no network but
 * the package registries, so Electron upgrades are reviewed by hand (docs/decisions.md).
 */
export const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

/** What the scanner reads (its own list: it silently skips every other file). */
const READ_EXTENSIONS = new Set(['.js', '.jsx', '.ts', '.tsx', '.html', '.htm']);
/** Script files the scanner would skip: in the scanned sources they are refused rather than unseen. */
const UNREAD_SCRIPTS = new Set(['.cjs', '.mjs', '.cts', '.mts']);

/**
 * The scanner fetches translations at every start (and, in the excluded check, Electron's
 * releases) through `got`: it gets a stand-in that refuses at once, without a DNS lookup. It then
 * uses the English texts it ships with.
 */
function refuseDownloads() {
  const path = scannerRequire.resolve('got');
  const refuse = (url) => Promise.reject(new Error(`not downloaded (the check runs offline): ${url}`));
  const got = Object.assign(refuse, { head: refuse, get: refuse, post: refuse, stream: refuse, extend: () => got });
  require.cache[path] = { id: path, filename: path, loaded: true, exports: got, children: [], paths: [] };
}

/** Any other connection the scanner would open fails, so a scan never depends on the network. */
function forbidConnections(attempts) {
  const connect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function refusedConnect(...args) {
    attempts.push(JSON.stringify(args[0]));
    throw new Error(`Electronegativity tried to open a connection (${JSON.stringify(args[0])}): the check must run offline.`);
  };
  return () => {
    net.Socket.prototype.connect = connect;
  };
}

/** The scanner's chatter (it logs with console.log), kept to show when something goes wrong. */
function captureConsole(lines) {
  const saved = { log: console.log, warn: console.warn, info: console.info };
  for (const name of Object.keys(saved)) console[name] = (...args) => lines.push(args.map(String).join(' '));
  return () => Object.assign(console, saved);
}

/**
 * Copies `entries` (folders and files relative to `root`) into a fresh folder, keeping their paths,
 * so the scanner sees these sources and nothing else: not the tests (whose stubs would satisfy its
 * global checks), not the build, not node_modules. Returns the folder, the files copied, and the
 * problems found on the way (files it could not read, `eng-disable` comments that would hide findings).
 */
function stage(root, entries) {
  const folder = mkdtempSync(join(tmpdir(), 'interleave-electronegativity-'));
  const files = [];
  const problems = [];
  for (const entry of entries) {
    const source = join(root, entry);
    if (!existsSync(source)) {
      problems.push(`${entry}: not found (the check scans ${entries.join(', ')}).`);
      continue;
    }
    const isFolder = statSync(source).isDirectory();
    cpSync(source, join(folder, entry), {
      recursive: true,
      filter: (path) => {
        if (statSync(path).isDirectory()) return true;
        const name = relative(root, path).split(sep).join('/');
        const extension = extname(path).toLowerCase();
        if (UNREAD_SCRIPTS.has(extension)) problems.push(`${name}: Electronegativity does not read ${extension} files, so this one would go unchecked; give it a .js or .ts name.`);
        if (isFolder && !READ_EXTENSIONS.has(extension)) return false;
        const text = readFileSync(path, 'utf8');
        const disabled = text.split('\n').findIndex((line) => /eng-disable/i.test(line));
        if (disabled >= 0) problems.push(`${name}:${disabled + 1}: an eng-disable comment hides findings from the check; explain them in docs/decisions.md instead.`);
        files.push(name);
        return true;
      },
    });
  }
  return { folder, files, problems };
}

/**
 * Scans `entries` of the project at `root` with every check but EXCLUDED_CHECKS, at every severity
 * and confidence. Findings come back with paths relative to `root`; `errors` are files the scanner
 * could not parse (their findings are unknown).
 */
export async function scanSources(root, entries) {
  const { folder, files, problems } = stage(root, entries);
  const connections = [];
  const chatter = [];
  refuseDownloads();
  const allowConnections = forbidConnections(connections);
  const restoreConsole = captureConsole(chatter);
  try {
    const run = require('@doyensec/electronegativity');
    const result = await run({ input: folder, excludeFromScan: EXCLUDED_CHECKS, isRelative: true });
    const findings = result.issues.map((issue) => ({
      check: issue.id,
      file: issue.file.split(sep).join('/'),
      line: issue.location.line,
      column: issue.location.column,
      severity: issue.severity.name,
      confidence: issue.confidence.name,
      description: issue.description,
    }));
    const errors = result.errors.map((error) => ({ file: relative(folder, error.file).split(sep).join('/'), message: error.message, tolerable: error.tolerable }));
    return { findings, errors, problems, files, checks: result.atomicChecks + result.globalChecks, connections, chatter };
  } finally {
    restoreConsole();
    allowConnections();
    rmSync(folder, { recursive: true, force: true });
  }
}
