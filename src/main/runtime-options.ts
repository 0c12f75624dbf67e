// Options every entry point shares: where the data lives, what time it is, where the built-in decks are.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ImportLimits } from '../core/import/bundle';
import { AppError } from '../shared/errors';
import { defaultDataDir } from './store/data-folder';

/** `--now 2026-03-01T09:00:00Z` fixes the clock for scripting and tests; it must be a real instant. */
export function clockFrom(now: string | undefined): () => number {
  if (now === undefined) return Date.now;
  const ms = Date.parse(now);
  if (!/^\d{4}-\d{2}-\d{2}/.test(now) || Number.isNaN(ms)) {
    throw new AppError('invalid_input', `--now: "${now}" is not an ISO-8601 date and time (e.g. 2026-03-01T09:00:00Z)`, { field: '--now' });
  }
  return () => ms;
}

export function dataDirFrom(data: string | undefined): string {
  return data ? resolve(data) : defaultDataDir();
}

/**
 * The built-in decks ship beside the built code (out/main -> ../../decks) and in a packaged app's
 * resources folder; INTERLEAVE_DECKS overrides both.
 */
export function builtinDecksDir(fromDir: string): string | null {
  const candidates = [process.env.INTERLEAVE_DECKS, join(fromDir, '../../decks'), join(fromDir, '../decks'), join(process.cwd(), 'decks')];
  for (const candidate of candidates) if (candidate && existsSync(candidate)) return resolve(candidate);
  return null;
}

const UNITS: Record<string, number> = { b: 1, k: 1e3, kb: 1e3, kib: 1024, m: 1e6, mb: 1e6, mib: 1024 ** 2, g: 1e9, gb: 1e9, gib: 1024 ** 3, t: 1e12, tb: 1e12, tib: 1024 ** 4 };

/** A size such as `500MB`, `4GiB` or `2g`: a number and a unit, so no one guesses what a bare number meant. */
export function sizeFrom(text: string, what: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]+)\s*$/i.exec(text);
  const unit = match ? UNITS[match[2]!.toLowerCase()] : undefined;
  if (!match || unit === undefined) throw new AppError('invalid_input', `${what}: "${text}" is not a size; give a number and a unit, such as 500MB or 4GiB`, { field: what });
  return Math.floor(Number(match[1]) * unit);
}

/**
 * Import limits from the command line or the environment (the command line wins):
 * `--collection-limit` / INTERLEAVE_COLLECTION_LIMIT, `--media-file-limit` / INTERLEAVE_MEDIA_FILE_LIMIT,
 * `--media-limit` / INTERLEAVE_MEDIA_LIMIT. Unset ones keep their defaults.
 */
export function importLimitsFrom(
  options: { 'collection-limit'?: string | undefined; 'media-file-limit'?: string | undefined; 'media-limit'?: string | undefined },
  env: NodeJS.ProcessEnv = process.env,
): Partial<ImportLimits> {
  const limits: Partial<ImportLimits> = {};
  const take = (flag: keyof typeof options, variable: string, key: keyof ImportLimits) => {
    const text = options[flag] ?? env[variable];
    if (text !== undefined && text !== '') limits[key] = sizeFrom(text, options[flag] !== undefined ? `--${flag}` : variable);
  };
  take('collection-limit', 'INTERLEAVE_COLLECTION_LIMIT', 'maxBytes');
  take('media-file-limit', 'INTERLEAVE_MEDIA_FILE_LIMIT', 'maxMediaFileBytes');
  take('media-limit', 'INTERLEAVE_MEDIA_LIMIT', 'maxMediaBytes');
  return limits;
}
