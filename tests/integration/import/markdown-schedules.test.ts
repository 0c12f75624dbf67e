// Obsidian's scheduling comments and Logseq's card properties carry their due date and interval into the collection.
import { describe, expect, it } from 'vitest';
import { CardState } from '../../../src/core/collection/types';
import { fixedOffsetCalendar, studyDay } from '../../../src/core/time/study-day';
import { openTestService, TestClock } from '../../helpers/service';

const calendar = fixedOffsetCalendar(0, 4);
const at = (iso: string) => Date.parse(iso);
const dayOf = (iso: string) => studyDay(calendar, at(iso));

async function importText(name: string, text: string) {
  const { service } = openTestService({ decks: null, clock: new TestClock(at('2026-03-25T10:00:00Z')) });
  await service.importBytes({ name, base64: Buffer.from(text).toString('base64') });
  const cards = [...service.store.requireCollection().cards.values()];
  await service.close();
  return cards;
}

describe('schedules from Markdown flashcard plugins', () => {
  it('Obsidian <!--SR:!due,interval,ease-->: a review card due on that date with that interval, remembered as well as its ease and interval say', async () => {
    const [card] = await importText('vault.md', '#flashcards\n\nWhat is a gradient?::The vector of partial derivatives\n<!--SR:!2026-04-10,34,290-->\n');
    expect(card).toMatchObject({ state: CardState.Review, scheduledDays: 34, reps: 1, lapses: 0, lastReview: at('2026-03-07T12:00:00Z') });
    expect(studyDay(calendar, card!.due)).toBe(dayOf('2026-04-10T12:00:00Z'));
    // An SM-2 interval of 34 days at 90 % recall is a memory far stronger than one first answer's.
    expect(card!.stability).toBeGreaterThan(20);
  });

  it('Logseq card properties: due at card-next-schedule, with the last interval, the repeats and the ease', async () => {
    const [card] = await importText(
      'page.md',
      [
        '- What does Logseq mean? #card',
        '  card-last-interval:: 28.3',
        '  card-repeats:: 4',
        '  card-ease-factor:: 2.66',
        '  card-next-schedule:: 2026-04-18T17:59:40.382Z',
        '  card-last-reviewed:: 2026-03-21T10:59:40.382Z',
        '  card-last-score:: 5',
        '\t- Log sequence',
        '',
      ].join('\n'),
    );
    expect(card).toMatchObject({ state: CardState.Review, scheduledDays: 28, reps: 4, lastReview: at('2026-03-21T10:59:40.382Z') });
    expect(studyDay(calendar, card!.due)).toBe(dayOf('2026-04-18T17:59:40.382Z'));
    expect(card!.stability).toBeGreaterThan(15);
  });
});
