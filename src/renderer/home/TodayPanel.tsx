// Home's "Today" panel: days to the next interview, today's minutes, readiness now and projected, one button to study the plan.
import { useEffect, useState } from 'react';
import type { InterviewPlan, Readiness } from '../../shared/planning';
import { useApi } from '../app/api-context';
import { navigate } from '../app/route';
import { daysLeftLabel, withBand } from '../interview/readiness-format';

export function TodayPanel() {
  const api = useApi();
  const [plan, setPlan] = useState<InterviewPlan | null | undefined>(undefined);
  const [readiness, setReadiness] = useState<Readiness | null>(null);

  useEffect(() => {
    let live = true;
    api.listPlans({}).then(async (plans) => {
      const next = plans.filter((p) => p.at > Date.now()).sort((a, b) => a.at - b.at)[0] ?? null;
      if (!live) return;
      setPlan(next);
      if (next) {
        const figures = await api.readiness({ planId: next.id });
        if (live) setReadiness(figures);
      }
    }, () => live && setPlan(null));
    return () => {
      live = false;
    };
  }, [api]);

  if (plan === undefined) return null;
  if (plan === null) {
    return (
      <aside className="today-panel empty" data-testid="today-panel">
        <p>
          <strong>Preparing for an interview?</strong> Give its date and Interleave plans the days left so that everything is learnt in time, and tells you how much
          of each round you will recall on the morning.
        </p>
        <button type="button" data-testid="add-interview" onClick={() => navigate({ screen: 'interview', planId: null })}>
          Add your interview date
        </button>
      </aside>
    );
  }
  const today = readiness?.today;
  return (
    <aside className="today-panel" data-testid="today-panel" aria-label={`Today for ${plan.name}`}>
      <div className="today-figures">
        <div>
          <span className="label">{plan.name}</span>
          <strong data-testid="today-days">{today ? daysLeftLabel(today.daysLeft) : '…'}</strong>
        </div>
        <div>
          <span className="label">Today</span>
          <strong data-testid="today-minutes">{today ? (today.dueReviews + today.newCards + today.broughtForward === 0 ? 'done' : `${Math.max(1, today.minutes)} min`) : '…'}</strong>
        </div>
        <div>
          <span className="label">Recall now</span>
          <strong data-testid="today-now">{readiness ? withBand(readiness.overall.stopNow, readiness.band.halfWidth) : '…'}</strong>
        </div>
        <div>
          <span className="label">With the plan</span>
          <strong data-testid="today-projected">{readiness ? withBand(readiness.overall.withPlan, readiness.band.halfWidth) : '…'}</strong>
        </div>
      </div>
      {today?.explanations[0] && <p className="muted">{today.explanations[0]}</p>}
      <div className="actions">
        <button type="button" className="primary" data-testid="study-today-plan" onClick={() => navigate({ screen: 'study', deckId: null, planId: plan.id })}>
          Study today’s plan
        </button>{' '}
        <button type="button" className="link" onClick={() => navigate({ screen: 'interview', planId: plan.id })}>
          Readiness by round and topic
        </button>
      </div>
    </aside>
  );
}
