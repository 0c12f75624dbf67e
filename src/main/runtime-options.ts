// Options every entry point shares: where the data lives, what time it is, where the built-in decks are.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
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
