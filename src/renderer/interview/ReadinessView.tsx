// Readiness on the interview's moment: stop now against the plan, per round and topic, with the band and the cards at risk.
import { useEffect, useState } from 'react';
import type { InterviewPlan, Readiness, ReadinessFigure } from '../../shared/planning';
import { useApi } from '../app/api-context';
import { ErrorBanner } from '../app/errors';
import { navigate } from '../app/route';
import { RetentionChart } from '../memory-model/RetentionChart';
import { dateLabel, daysLeftLabel, percent, withBand } from './readiness-format';

function FigureRows({ figures, band, testId }: { figures: ReadinessFigure[]; band: number; testId: string }) {
  return (
    <tbody data-testid={testId}>
      {figures.map((figure) => (
        <tr key={figure.name}>
          <th scope="row" title={figure.name}>
            {figure.title}
          </th>
          <td className="num">{figure.cards}</td>
          <td className="num">
            <span className="meter" aria-hidden="true">
              <span style={{ width: percent(figure.stopNow) }} />
            </span>
            {withBand(figure.stopNow, band)}
          </td>
          <td className="num">
            <span className="meter plan" aria-hidden="true">
              <span style={{ width: percent(figure.withPlan) }} />
            </span>
            {withBand(figure.withPlan, band)}
          </td>
        </tr>
      ))}
    </tbody>
  );
}

function FigureTable({ caption, figures, band, testId }: { caption: string; figures: ReadinessFigure[]; band: number; testId: string }) {
  return (
    <table className="readiness-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{caption.startsWith('By round') ? 'Round' : 'Topic'}</th>
          <th scope="col" className="num">
            Cards
          </th>
          <th scope="col" className="num">
            If you stop now
          </th>
          <th scope="col" className="num">
            With the plan
          </th>
        </tr>
      </thead>
      <FigureRows figures={figures} band={band} testId={testId} />
    </table>
  );
}

export function ReadinessView({ plan }: { plan: InterviewPlan }) {
  const api = useApi();
  const [readiness, setReadiness] = useState<Readiness | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [allTopics, setAllTopics] = useState(false);

  useEffect(() => {
    setReadiness(null);
    api.readiness({ planId: plan.id }).then(setReadiness, setError);
  }, [api, plan]);

  if (error) return <ErrorBanner error={error} />;
  if (!readiness) return <p className="muted">Working out your recall on {dateLabel(plan.at)}…</p>;
  const band = readiness.band.halfWidth;
  const today = readiness.today;
  const topics = allTopics ? readiness.topics : readiness.topics.slice(0, 12);
  return (
    <div className="readiness" data-testid="readiness">
      <div className="readiness-headline">
        <div className="figure" data-testid="readiness-now">
          <span className="label">If you stop now</span>
          <strong>{withBand(readiness.overall.stopNow, band)}</strong>
        </div>
        <div className="figure plan" data-testid="readiness-plan">
          <span className="label">Following the plan</span>
          <strong>{withBand(readiness.overall.withPlan, band)}</strong>
        </div>
        <p className="muted">
          Predicted recall of the {readiness.overall.cards.toLocaleString()} cards in scope on {dateLabel(readiness.at)}
          {today ? `, ${daysLeftLabel(today.daysLeft)}` : ''}. {readiness.notStarted > 0 ? `${readiness.notStarted.toLocaleString()} not started yet (they count as 0). ` : ''}
          <span data-testid="readiness-band">{readiness.band.reason}</span>
        </p>
      </div>

      {today && (
        <section className="plan-today" aria-labelledby="plan-today-title" data-testid="plan-today">
          <h2 id="plan-today-title">Today</h2>
          <p>
            About <strong>{today.minutes}</strong> of your {today.minutesPerDay} minutes: {today.dueReviews} review{today.dueReviews === 1 ? '' : 's'}, {today.newCards} new
            {today.broughtForward ? `, ${today.broughtForward} brought forward` : ''}.
          </p>
          <ul className="explanations" data-testid="plan-explanations">
            {today.explanations.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <button type="button" className="primary" data-testid="study-plan" onClick={() => navigate({ screen: 'study', deckId: null, planId: plan.id })}>
            Study today’s plan
          </button>
        </section>
      )}

      {readiness.rounds.length > 0 ? (
        <FigureTable caption="By round" figures={readiness.rounds} band={band} testId="readiness-rounds" />
      ) : (
        <p className="muted">No card in scope carries a round tag (round::…), so there is no figure per round; the built-in decks have them.</p>
      )}
      <FigureTable caption={`By topic, weakest first (${readiness.topics.length})`} figures={topics} band={band} testId="readiness-topics" />
      {readiness.topics.length > 12 && (
        <button type="button" className="link" onClick={() => setAllTopics(!allTopics)}>
          {allTopics ? 'Show the 12 weakest' : `Show all ${readiness.topics.length} topics`}
        </button>
      )}

      <section className="at-risk" aria-labelledby="at-risk-title" data-testid="at-risk">
        <h2 id="at-risk-title">Most at risk</h2>
        {readiness.atRisk.length === 0 ? (
          <p className="muted">No studied card yet: the cards most likely to be forgotten by the interview will show here.</p>
        ) : (
          <>
            <ol>
              {readiness.atRisk.map((card) => (
                <li key={card.cardId}>
                  <span className="recall">{percent(card.recallAtDate)}</span> {card.question} <span className="muted">— {card.deckName}</span>
                </li>
              ))}
            </ol>
            <button type="button" data-testid="study-at-risk" onClick={() => navigate({ screen: 'study', deckId: null, cardIds: readiness.atRisk.map((card) => card.cardId) })}>
              Study these {readiness.atRisk.length} cards now
            </button>
          </>
        )}
      </section>

      <RetentionChart planId={plan.id} title="Help me decide: desired retention, workload and recall on the day" />
    </div>
  );
}
