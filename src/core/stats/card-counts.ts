// How many cards are in each state: the pie of the statistics screen.
import type { CardCounts } from '../../shared/statistics';
import { CardState } from '../collection/types';
import { MATURE_INTERVAL_DAYS } from './review-kind';
import { StatsScope, type StatsContext } from './stats-context';

export function cardCounts(context: StatsContext): CardCounts {
  const scope = StatsScope.of(context);
  const counts: CardCounts = { new: 0, learning: 0, relearning: 0, young: 0, mature: 0, suspended: 0, buried: 0, total: 0 };
  for (const card of scope.cards) {
    counts.total++;
    if (card.suspended) counts.suspended++;
    else if (card.buriedUntilDay !== null && scope.today < card.buriedUntilDay) counts.buried++;
    else if (card.state === CardState.New) counts.new++;
    else if (card.state === CardState.Learning) counts.learning++;
    else if (card.state === CardState.Relearning) counts.relearning++;
    else if (card.scheduledDays >= MATURE_INTERVAL_DAYS) counts.mature++;
    else counts.young++;
  }
  return counts;
}

export type { CardCounts };
