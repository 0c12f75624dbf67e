// Interview: the interviews the learner prepares for, readiness on each one's moment, and the plan that gets there.
import { useCallback, useEffect, useState } from 'react';
import type { DeckNode } from '../../shared/dto';
import type { InterviewPlan } from '../../shared/planning';
import { useApi } from '../app/api-context';
import { flattenDecks } from '../app/deck-list';
import { ErrorBanner } from '../app/errors';
import { navigate } from '../app/route';
import { PlanForm } from './PlanForm';
import { ReadinessView } from './ReadinessView';
import { dateLabel } from './readiness-format';

export function InterviewScreen({ planId }: { planId: string | null }) {
  const api = useApi();
  const [plans, setPlans] = useState<InterviewPlan[] | null>(null);
  const [decks, setDecks] = useState<DeckNode[]>([]);
  const [editing, setEditing] = useState<'new' | 'current' | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(() => {
    api.listPlans({}).then(setPlans, setError);
    api.listDecks({}).then((list) => setDecks(flattenDecks(list.decks)), setError);
  }, [api]);
  useEffect(load, [load]);

  if (error) return <ErrorBanner error={error} onDismiss={() => (setError(null), load())} />;
  if (!plans) return <p className="muted">Loading your interviews…</p>;
  const current = plans.find((plan) => plan.id === planId) ?? plans.find((plan) => plan.at > Date.now()) ?? plans[0] ?? null;
  const adding = editing === 'new' || plans.length === 0;

  const remove = async (plan: InterviewPlan) => {
    try {
      await api.deletePlan({ planId: plan.id });
      navigate({ screen: 'interview', planId: null });
      load();
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <section className="interview" data-testid="interview">
      <header className="interview-header">
        <h1>{current && !adding ? current.name : 'Your interview'}</h1>
        {plans.length > 0 && (
          <div className="plan-picker">
            <label>
              <span className="visually-hidden">Interview</span>
              <select aria-label="Interview" value={current?.id ?? ''} onChange={(event) => navigate({ screen: 'interview', planId: event.target.value })}>
                {plans.map((plan) => (
                  <option key={plan.id} value={plan.id}>
                    {plan.name} — {dateLabel(plan.at)}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" data-testid="add-plan" onClick={() => setEditing('new')}>
              Add an interview
            </button>
            {current && (
              <>
                <button type="button" onClick={() => setEditing('current')}>
                  Change…
                </button>
                <button type="button" className="danger" onClick={() => void remove(current)}>
                  Remove
                </button>
              </>
            )}
          </div>
        )}
      </header>
      {adding || editing === 'current' ? (
        <>
          {plans.length === 0 && (
            <p className="lead">
              When is your interview? Interleave works toward the date: every card in scope is introduced in time, the last days bring forward what you would
              forget, and you see how much of each round you will recall on the morning.
            </p>
          )}
          <PlanForm
            plan={editing === 'current' ? current : null}
            decks={decks}
            onSaved={(plan) => {
              setEditing(null);
              load();
              navigate({ screen: 'interview', planId: plan.id });
            }}
            onCancel={() => setEditing(null)}
          />
        </>
      ) : (
        current && <ReadinessView plan={current} />
      )}
    </section>
  );
}
