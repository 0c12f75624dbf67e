// The decks that ship in decks/: installed into a new collection, brought up to date when they change.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Collection } from '../../core/collection/collection';
import { contentHash } from '../../core/collection/content-hash';
import { planDeckLoad } from '../../core/collection/deck-load';
import type { UpsertEvent } from '../../core/collection/events';
import { parseDeck } from '../../core/deck-format/parse';

/**
 * Commits one upsert per deck file whose content differs from what the collection last installed
 * from it (`installed`: file name -> hash), each before planning the next so new-card positions follow file order. Cards keep their
 * history across updates because they are matched by id. Returns warnings for files that fail.
 */
export function updateBuiltinDecks(installed: Record<string, string>, collection: () => Collection, decksDir: string, at: number, commit: (event: UpsertEvent) => void): string[] {
  const warnings: string[] = [];
  if (!existsSync(decksDir)) return warnings;
  for (const file of readdirSync(decksDir).filter((name) => name.endsWith('.md')).sort()) {
    const text = readFileSync(join(decksDir, file), 'utf8');
    const hash = contentHash(text);
    // The versions installed are known before the collection is whole; only a changed file needs it.
    if (installed[file] === hash) continue;
    const col = collection();
    const parsed = parseDeck(text);
    if (!parsed.ok) {
      const first = parsed.problems[0]!;
      warnings.push(`Built-in deck ${file} was not loaded: ${file}:${first.line}:${first.column}: ${first.message}`);
      continue;
    }
    const plan = planDeckLoad(col, parsed.deck, { source: `builtin:${file}`, at, file });
    const event: UpsertEvent = plan.event ?? { type: 'upsert', at, source: `builtin:${file}`, decks: [], notes: [], cards: [], removedCards: [] };
    event.builtins = { [file]: hash };
    commit(event);
  }
  return warnings;
}
