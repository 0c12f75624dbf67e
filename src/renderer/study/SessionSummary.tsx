// The end of a session: what was done, when more cards come back, and Enter back to the decks.
import type { TodaySummary } from '../../shared/dto';
import { navigate } from '../app/route';

export interface SessionTally {
  answered: number;
  again: number;
  timeMs: number;
}

function clock(ms: number): string {
  return new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

export function SessionSummary({ tally, today, nextLearningDue }: { tally: SessionTally; today: TodaySummary; nextLearningDue: number | null }) {
  const minutes = Math.max(1, Math.round(tally.timeMs / 60_000));
  const recalled = tally.answered ? Math.round((100 * (tally.answered - tally.again)) / tally.answered) : null;
  return (
    <div className="summary" data-testid="summary">
      <h2>{nextLearningDue ? 'Done for now' : 'Congratulations! You are done for today.'}</h2>
      {tally.answered > 0 ? (
        <p>
          This session: <strong>{tally.answered}</strong> card{tally.answered === 1 ? '' : 's'} in about {minutes} min
          {recalled !== null ? `, ${recalled}% recalled` : ''}.
        </p>
      ) : (
        <p>Nothing is due in this deck right now.</p>
      )}
      <p className="muted">
        Today in all: {today.reviews} reviews, {today.newCards} new cards.
      </p>
      {nextLearningDue && <p>More learning cards are due at {clock(nextLearningDue)}; this page will bring them up.</p>}
      {/* The one action here, focused, and Enter's (the study screen's keys): back to the decks, where every deck still due shows. */}
      <button type="button" className="primary" data-testid="summary-home" autoFocus onClick={() => navigate({ screen: 'home' })}>
        Back to decks <kbd>Enter</kbd>
      </button>
    </div>
  );
}
