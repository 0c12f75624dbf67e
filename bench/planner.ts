// The interview planner's and the optimizer's figures on the benchmark's collection: readiness, the plan's simulation, fitting.
import { performance } from 'node:perf_hooks';
import { reviewsByCard } from '../src/core/history/reviews-by-card';
import { fitHistory } from '../src/core/optimizer/training-set';
import type { Calendar } from '../src/core/time/study-day';
import { evaluateFit } from '../src/main/optimizer/fit';
import type { StudyService } from '../src/main/service/study-service';

const DAY = 86_400_000;

/**
 * Readiness for every card at a moment already here (no simulation: recall from today's memory
 * states, averaged per round and topic), the median of three after one that fills the caches; then
 * readiness 90 days ahead, which adds today's plan and its 90-day simulation over every card.
 */
export async function measurePlanner(service: StudyService, now: number): Promise<Record<string, number>> {
  // An interview over every deck, 90 days ahead: the whole collection is in scope.
  const roots = (await service.listDecks({})).decks.map((deck) => deck.id);
  const plan = await service.savePlan({ name: 'Benchmark onsite', at: now + 90 * DAY, deckIds: roots, minutesPerDay: 60 });
  await service.readiness({ planId: plan.id, at: now });
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    await service.readiness({ planId: plan.id, at: now });
    times.push(performance.now() - t);
  }
  const t = performance.now();
  const ahead = await service.readiness({ planId: plan.id });
  const planSimulationMs = performance.now() - t;
  return { readinessMs: times.sort((a, b) => a - b)[1]!, readinessCards: ahead.overall.cards, planSimulationMs };
}

/**
 * fsrs-rs fitted on the first 80% (and both weight sets scored on the rest) on the history of as
 * many whole cards as give about `reviews` reviews: the time a learner with that much history waits
 * for the verdict, the fit's own child process aside (a fixed start-up of a few hundred milliseconds).
 */
export async function measureOptimizer(service: StudyService, calendar: Calendar, reviews: number): Promise<Record<string, number>> {
  const col = service.store.requireCollection();
  const grouped = reviewsByCard(col.history);
  const chosen = new Set<string>();
  let total = 0;
  for (let c = 0; c < grouped.cardIds.length && total < reviews; c++) {
    chosen.add(grouped.cardIds[c]!);
    total += grouped.start[c + 1]! - grouped.start[c]!;
  }
  const t = performance.now();
  const history = fitHistory(grouped, (id) => chosen.has(id), calendar);
  const outcome = await evaluateFit({ history, currentWeights: null });
  return { ms: performance.now() - t, reviews: outcome.reviews, items: outcome.train + outcome.test, peakRssMb: process.resourceUsage().maxRSS / 1024 };
}
