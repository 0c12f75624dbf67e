// Card info: fields, state now, every review with the model's view at the time, and the forgetting curve.
import { useEffect, useState } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { CardInfo } from '../../shared/dto';
import { useApi } from '../app/api-context';
import { ErrorBanner } from '../app/errors';
import { CardFace } from '../study/CardFace';

const percent = (value: number | null) => (value === null ? '–' : `${(value * 100).toFixed(0)}%`);
const date = (ms: number | null) => (ms === null ? '–' : new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }));

export function CardInfoPanel({ cardId }: { cardId: string }) {
  const api = useApi();
  const [info, setInfo] = useState<CardInfo | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api.getCard({ cardId }).then(setInfo, setError);
  }, [api, cardId]);
  if (error) return <ErrorBanner error={error} />;
  if (!info) return <p className="muted">Loading…</p>;
  const s = info.state;
  // A card never reviewed has no memory state yet: FSRS's zeros would read as "forgotten at once".
  const unknown = s.kind === 'new' || s.stability <= 0;
  return (
    <div className="card-info" data-testid="card-info">
      <CardFace html={info.back} className="info-face" />
      <dl className="info-state">
        <dt>State</dt>
        <dd>
          {s.kind}
          {s.suspended ? ', suspended' : ''}
          {s.buried ? ', buried' : ''}
        </dd>
        <dt>Due</dt>
        {/* A card never studied has no due date of its own, only its place among the new cards. */}
        <dd data-testid="info-due">{s.kind === 'new' ? 'new: shown when its turn among the new cards comes' : date(s.due)}</dd>
        <dt>Stability</dt>
        <dd data-testid="info-stability">{unknown ? '–' : `${s.stability.toFixed(2)} days`}</dd>
        <dt>Difficulty</dt>
        <dd data-testid="info-difficulty">{unknown ? '–' : s.difficulty.toFixed(2)}</dd>
        <dt>Recall now</dt>
        <dd data-testid="info-retrievability">{percent(s.retrievability)}</dd>
        <dt>Reviews</dt>
        <dd>
          {s.reps} ({s.lapses} lapses)
        </dd>
        <dt>Deck</dt>
        <dd>{info.deckName}</dd>
      </dl>
      {info.curve.length > 0 && (
        <figure className="chart" data-testid="forgetting-curve">
          <figcaption>Forgetting curve since the last review</figcaption>
          <ResponsiveContainer width="100%" height={180}>
            <LineChart data={info.curve} margin={{ top: 8, right: 12, bottom: 4, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
              <XAxis dataKey="days" unit="d" stroke="var(--muted)" />
              <YAxis domain={[0, 1]} tickFormatter={(v: number) => `${Math.round(v * 100)}%`} stroke="var(--muted)" />
              <Tooltip formatter={(v) => percent(Number(v))} labelFormatter={(d) => `${String(d)} days after`} />
              <Line type="monotone" dataKey="retrievability" stroke="var(--accent)" dot={false} strokeWidth={2} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        </figure>
      )}
      <table className="history" data-testid="card-history">
        <thead>
          <tr>
            <th>Reviewed</th>
            <th>Rating</th>
            <th>Kind</th>
            <th>Interval</th>
            <th>Stability</th>
            <th>Difficulty</th>
            <th>Recall then</th>
            <th>Time</th>
          </tr>
        </thead>
        <tbody>
          {info.history.length === 0 && (
            <tr>
              <td colSpan={8} className="muted">
                Not reviewed yet.
              </td>
            </tr>
          )}
          {info.history.map((review) => (
            <tr key={review.at} className={`rating-${review.rating}`}>
              <td>{date(review.at)}</td>
              <td>{review.rating}</td>
              <td>{review.kind}</td>
              <td>{review.scheduledDays ? `${review.scheduledDays}d` : '<1d'}</td>
              <td>{review.stability.toFixed(2)}</td>
              <td>{review.difficulty.toFixed(2)}</td>
              <td>{percent(review.retrievability)}</td>
              <td>{(review.durationMs / 1000).toFixed(1)}s</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
