// What a collection says besides its notes: note types, decks, deck options and how it counts days, from either schema.
import type { ImportedNoteType } from '../../../core/import/bundle';

export interface DeckInfo {
  /** With `::` between levels, whatever separator the file used. */
  name: string;
  description: string;
  /** A filtered deck only borrows cards; they belong to their original deck. */
  filtered: boolean;
  /** The deck options (preset) the deck uses. */
  configId: number | null;
  /** The deck's own desired retention, overriding its options' (Anki 25.02 and later). */
  desiredRetention: number | null;
}

/** Anki's deck options, as far as scheduling goes: steps in minutes, limits, and FSRS's weights and retention. */
export interface DeckConfigInfo {
  name: string;
  learnSteps: number[];
  relearnSteps: number[];
  newPerDay: number | null;
  reviewsPerDay: number | null;
  maximumInterval: number | null;
  leechThreshold: number | null;
  /** The newest FSRS generation's weights the options hold (FSRS-6, else 5, else 4.5); empty when never optimised. */
  fsrsParams: number[];
  desiredRetention: number | null;
  /** The retention SM-2 intervals are taken to aim at when a memory state is derived from them. */
  sm2Retention: number | null;
}

/** How the collection numbers its days: review cards are due on day N after its creation. */
export interface CollectionTiming {
  /** `col.crt`: the collection's creation, seconds. */
  crtSecs: number;
  /** Minutes west of UTC where the collection was created; null in collections that count days the older way. */
  creationOffsetMinutesWest: number | null;
}

export interface CollectionMeta {
  noteTypes: Map<number, ImportedNoteType>;
  decks: Map<number, DeckInfo>;
  deckConfigs: Map<number, DeckConfigInfo>;
  timing: CollectionTiming;
  /** The v1 scheduler logged learning answers with three buttons (1 again, 2 good, 3 easy). */
  schedulerV1: boolean;
  /** Whether FSRS was switched on; null when the collection does not say. */
  fsrs: boolean | null;
}

export function noteTypeKey(id: number): string {
  return `anki:${id}`;
}

/** Anki's Default deck, which every collection has whether it is used or not. */
export const DEFAULT_DECK_ID = 1;

/** A float32 as the shortest decimal that reads back as the same float32 (0.9f, not 0.8999999761581421). */
export function fromFloat32(value: number): number {
  const single = Math.fround(value);
  for (let digits = 1; digits <= 9; digits++) {
    const shortest = Number(value.toPrecision(digits));
    if (Math.fround(shortest) === single) return shortest;
  }
  return value;
}

/** A number read from untrusted JSON or protobuf, or null when it is not a finite number. */
export function finiteOrNull(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : null;
}

/** A list of finite numbers, or an empty list for anything else. */
export function numberList(value: unknown): number[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'number' && Number.isFinite(item)) ? (value as number[]) : [];
}
