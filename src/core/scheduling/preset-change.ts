// Saving a preset: the journal line that changes it and the schedules the change gives, together.
import type { Preset } from '../../shared/dto';
import type { Collection } from '../collection/collection';
import type { PresetSaveEvent } from '../collection/events';
import type { Calendar } from '../time/study-day';
import { recomputeAll, type Recomputed } from './recompute-all';
import { cameFromReview } from '../collection/came-from-review';

/**
 * Other FSRS weights, retention or maximum interval recompute the schedule of every reviewed card
 * that uses the preset from its history: memory states depend on the weights, due dates on all
 * three. The new schedules go in the preset's own journal line, so a crash keeps both or neither.
 * With a history the journal could not give whole (`historyIncomplete`), rescheduling would write
 * wrong schedules; then the new settings apply from each card's next answer instead.
 */
export function planPresetSave(col: Collection, preset: Preset, at: number, calendar: Calendar, options: { historyIncomplete: boolean; label?: string }): PresetSaveEvent {
  const before = col.presets.get(preset.id);
  const changed =
    before !== undefined &&
    (JSON.stringify(before.weights) !== JSON.stringify(preset.weights) ||
      before.desiredRetention !== preset.desiredRetention ||
      before.maximumIntervalDays !== preset.maximumIntervalDays);
  let rescheduled: Recomputed[] = [];
  if (changed && !options.historyIncomplete) {
    const decks = new Set([...col.decks.values()].filter((deck) => deck.presetId === preset.id).map((deck) => deck.id));
    rescheduled = recomputeAll(
      col.history,
      (id) => {
        const card = col.cards.get(id);
        if (!card || !decks.has(card.deckId)) return undefined;
        // A card changed by hand since its last review (forgotten, given a due date) keeps that change.
        return cameFromReview(card, col.history.reviewsOf(id).at(-1)) ? card : undefined;
      },
      // Every card asked about is in a deck of this preset: the new settings, not yet saved.
      () => preset,
      calendar,
    );
  }
  return {
    type: 'preset-save',
    at,
    preset,
    ...(rescheduled.length ? { rescheduled } : {}),
    undoable: true,
    label: options.label ?? `change preset ${preset.name}`,
  };
}
