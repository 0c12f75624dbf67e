// A month toward an interview on a hand-moved clock: the plan introduces everything in time, lifts readiness, and leaves no spike behind.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CardState } from '../../../src/core/collection/types';
import { studyDay } from '../../../src/core/time/study-day';
import { fixedOffsetCalendar } from '../../../src/core/time/study-day';
import { openTestService, TestClock, T0 } from '../../helpers/service';
import { tempFolder } from '../../helpers/temp-folder';

const DAY = 86_400_000;
const calendar = fixedOffsetCalendar(0, 4);

/** A deck of `count` basic cards over six topics and two rounds. */
function deckFile(count: number): string {
  const cards = Array.from({ length: count }, (_, i) => `## p-${i}\ntags: topic::t${i % 6} round::r${i % 2}\n### Front\nQ ${i}\n### Back\nA ${i}\n`);
  const path = join(tempFolder('deck'), 'plan.md');
  writeFileSync(path, `---\ndeck: Prep\n---\n\n${cards.join('\n')}`);
  return path;
}

/** Answers today's plan until nothing is left now; every fifth answer is Again. */
async function studyPlan(service: Awaited<ReturnType<typeof openTestService>>['service'], clock: TestClock, planId: string): Promise<number> {
  let answered = 0;
  for (let i = 0; i < 2000; i++) {
    let next = await service.nextCard({ planId });
    if (!next.card && next.nextLearningDue !== null && studyDay(calendar, next.nextLearningDue) === studyDay(calendar, clock.ms)) {
      clock.ms = next.nextLearningDue + 1000;
      next = await service.nextCard({ planId });
    }
    if (!next.card) break;
    await service.answer({ cardId: next.card.cardId, rating: answered % 5 === 4 ? 'again' : 'good', durationMs: 8000 });
    answered++;
    clock.advance(0.2);
  }
  return answered;
}

describe('an interview plan followed for a month', () => {
  it('introduces every card in scope before the buffer, raises readiness toward the plan’s projection, and resumes without a spike', async () => {
    const clock = new TestClock(T0);
    const { service } = openTestService({ clock, decks: null });
    await service.importFile({ path: deckFile(240) });
    const deckId = (await service.listDecks({})).decks.find((d) => d.name === 'Prep')!.id;
    const interview = T0 + 30 * DAY + 5 * 3_600_000;
    const plan = await service.savePlan({ name: 'Onsite', at: interview, deckIds: [deckId], minutesPerDay: 60, bufferDays: 3 });
    const interviewDay = studyDay(calendar, interview);

    const first = await service.readiness({ planId: plan.id });
    expect(first.overall.cards).toBe(240);
    expect(first.overall.stopNow).toBe(0);
    expect(first.notStarted).toBe(240);
    expect(first.overall.withPlan).toBeGreaterThan(0.6);
    expect(first.today!.newCards).toBe(9); // 240 cards over the 27 days before the buffer
    expect(first.today!.explanations[0]).toMatch(/9 new cards today so that all 240 cards not yet studied are introduced by/);
    expect(first.rounds.map((r) => r.name).sort()).toEqual(['round::r0', 'round::r1']);
    expect(first.topics).toHaveLength(6);

    const readinessByDay: number[] = [];
    let broughtForward = 0;
    while (studyDay(calendar, clock.ms) < interviewDay) {
      const day = studyDay(calendar, clock.ms);
      const today = (await service.readiness({ planId: plan.id })).today!;
      broughtForward += today.broughtForward;
      if (today.broughtForward > 0) expect(today.explanations.join(' ')).toMatch(/cards? brought forward so that recall on .* stays above 90%/);
      await studyPlan(service, clock, plan.id);
      if (day === interviewDay - 3) {
        // The buffer begins: nothing in scope is still new.
        const col = service.store.requireCollection();
        expect([...col.cards.values()].filter((card) => card.state === CardState.New)).toHaveLength(0);
      }
      readinessByDay.push((await service.readiness({ planId: plan.id })).overall.stopNow);
      clock.ms += DAY;
    }
    expect(readinessByDay[readinessByDay.length - 1]!).toBeGreaterThan(0.8);
    expect(readinessByDay[readinessByDay.length - 1]!).toBeGreaterThan(readinessByDay[5]!);
    expect(broughtForward).toBeGreaterThan(0);

    // After the interview: the normal schedule. Nothing was left overdue by the plan, and no day of
    // the following week carries much more than that week's load-balanced average.
    const col = service.store.requireCollection();
    const overdue = [...col.cards.values()].filter((card) => card.state === CardState.Review && studyDay(calendar, card.due) < interviewDay);
    expect(overdue).toHaveLength(0);
    const after = interviewDay + 1;
    const perDay = Array.from({ length: 7 }, () => 0);
    for (const card of col.cards.values()) {
      const d = studyDay(calendar, card.due) - after;
      if (card.state === CardState.Review && d >= 0 && d < perDay.length) perDay[d]!++;
    }
    const mean = perDay.reduce((a, b) => a + b, 0) / perDay.length;
    console.log(`the week after the interview, cards due per day: ${perDay.join(' ')} (mean ${mean.toFixed(1)})`);
    expect(Math.max(...perDay)).toBeLessThanOrEqual(Math.ceil(mean * 1.5) + 3);
    await service.close();
  }, 240_000);
});
