// Anki's deck options with its own FSRS weights, as presets for the decks the package brings.
import { createHash } from 'node:crypto';
import { fsrs6Weights } from '../../../core/scheduling/memory-state';
import type { Preset } from '../../../shared/dto';
import type { CollectionMeta, DeckConfigInfo } from './collection-meta';

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/** Anki's steps are minutes, possibly a day or more; a preset's steps are shorter than a day (FSRS's intervals take over). */
function steps(minutes: number[]): string[] {
  return minutes
    .filter((step) => step > 0 && step < 1440)
    .slice(0, 10)
    .map((step) => `${Number(step.toFixed(2))}m`);
}

/**
 * A preset for each deck whose options hold FSRS weights Anki optimised (unless the collection says
 * FSRS was off), with the deck's desired retention (its own, else its options'). Decks without them
 * use the collection's preset. Presets are named after Anki's options and identified by their
 * content, so importing the same collection again finds them in place.
 */
export function ankiPresets(meta: CollectionMeta, deckNames: Iterable<string>, notices: string[], file: string): { presets: Preset[]; deckPresets: Record<string, string> } {
  const presets = new Map<string, Preset>();
  const deckPresets: Record<string, string> = {};
  if (meta.fsrs === false) return { presets: [], deckPresets };
  const wanted = new Set(deckNames);
  const unreadable = new Set<string>();
  for (const deck of meta.decks.values()) {
    if (deck.filtered || !wanted.has(deck.name) || deck.configId === null) continue;
    const config = meta.deckConfigs.get(deck.configId);
    if (!config || config.fsrsParams.length === 0) continue;
    const weights = fsrs6Weights(config.fsrsParams);
    if (!weights) {
      unreadable.add(config.name);
      continue;
    }
    const preset = presetOf(config, weights, deck.desiredRetention);
    presets.set(preset.id, preset);
    deckPresets[deck.name] = preset.id;
  }
  for (const name of unreadable) {
    notices.push(`${file}: the FSRS weights of Anki's options "${name}" are not 17, 19 or 21 numbers; its decks use your default preset`);
  }
  return { presets: [...presets.values()], deckPresets };
}

/** `deckRetention`: the deck's own desired retention, which overrides its options' (and names the preset apart). */
function presetOf(config: DeckConfigInfo, weights: number[], deckRetention: number | null): Preset {
  const body = {
    desiredRetention: clamp(deckRetention ?? config.desiredRetention ?? 0.9, 0.7, 0.99),
    maximumIntervalDays: Math.round(clamp(config.maximumInterval ?? 36_500, 1, 36_500)),
    learningSteps: steps(config.learnSteps),
    relearningSteps: steps(config.relearnSteps),
    newPerDay: Math.round(clamp(config.newPerDay ?? 20, 0, 9999)),
    reviewsPerDay: Math.round(clamp(config.reviewsPerDay ?? 200, 0, 99_999)),
    fuzz: true,
    leechThreshold: Math.round(clamp(config.leechThreshold ?? 8, 1, 99)),
    weights,
  };
  const id = `anki-${createHash('sha1').update(JSON.stringify([config.name, body])).digest('hex').slice(0, 12)}`;
  const own = deckRetention === null ? '' : `, ${Number((body.desiredRetention * 100).toFixed(1))}% retention`;
  return { id, name: `${config.name.slice(0, 60)} (from Anki)${own}`, ...body };
}
