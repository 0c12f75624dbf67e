// Adding or changing an interview: its name, moment, scope, and the daily time the plan may use.
import { useState } from 'react';
import type { DeckNode } from '../../shared/dto';
import type { InterviewPlan } from '../../shared/planning';
import { useApi } from '../app/api-context';
import { ErrorBanner } from '../app/errors';
import { toLocalInput } from './readiness-format';

const DAY = 86_400_000;

export function PlanForm({ plan, decks, onSaved, onCancel }: { plan: InterviewPlan | null; decks: DeckNode[]; onSaved: (plan: InterviewPlan) => void; onCancel: () => void }) {
  const api = useApi();
  const [name, setName] = useState(plan?.name ?? 'Onsite');
  const [at, setAt] = useState(toLocalInput(plan?.at ?? new Date(Date.now() + 60 * DAY).setHours(9, 0, 0, 0)));
  const [deckIds, setDeckIds] = useState<string[]>(plan?.deckIds ?? []);
  const [tags, setTags] = useState((plan?.tags ?? []).join(' '));
  const [minutes, setMinutes] = useState(String(plan?.minutesPerDay ?? 30));
  const [target, setTarget] = useState(String(Math.round((plan?.targetRecall ?? 0.9) * 100)));
  const [buffer, setBuffer] = useState(String(plan?.bufferDays ?? 3));
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      const when = new Date(at).getTime();
      const saved = await api.savePlan({
        ...(plan ? { id: plan.id } : {}),
        name,
        at: Number.isFinite(when) ? when : at,
        deckIds,
        tags: tags.split(/\s+/).filter(Boolean),
        minutesPerDay: Number(minutes),
        targetRecall: Number(target) / 100,
        bufferDays: Number(buffer),
      });
      onSaved(saved);
    } catch (caught) {
      setError(caught);
    } finally {
      setSaving(false);
    }
  };

  const toggle = (id: string) => setDeckIds((current) => (current.includes(id) ? current.filter((d) => d !== id) : [...current, id]));

  return (
    <form
      className="plan-form"
      data-testid="plan-form"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <div className="form-grid">
        <label className="field">
          <span>Interview</span>
          <input data-testid="plan-name" value={name} maxLength={100} onChange={(event) => setName(event.target.value)} />
        </label>
        <label className="field">
          <span>Date and time</span>
          <input type="datetime-local" data-testid="plan-date" value={at} onChange={(event) => setAt(event.target.value)} />
        </label>
        <label className="field">
          <span>Minutes a day</span>
          <input type="number" data-testid="plan-minutes" min={5} max={600} value={minutes} onChange={(event) => setMinutes(event.target.value)} />
          <small className="muted">The plan fits new cards into this time after your reviews.</small>
        </label>
        <label className="field">
          <span>Target recall (%)</span>
          <input type="number" data-testid="plan-target" min={70} max={99} value={target} onChange={(event) => setTarget(event.target.value)} />
          <small className="muted">In the final days, cards predicted below this come forward.</small>
        </label>
        <label className="field">
          <span>Buffer days</span>
          <input type="number" data-testid="plan-buffer" min={0} max={30} value={buffer} onChange={(event) => setBuffer(event.target.value)} />
          <small className="muted">Every card is introduced this many days before the interview.</small>
        </label>
        <label className="field">
          <span>Tags (optional)</span>
          <input data-testid="plan-tags" value={tags} placeholder="round::llm-systems topic::kv-cache" onChange={(event) => setTags(event.target.value)} />
          <small className="muted">Only cards with one of these tags (a tag includes its children).</small>
        </label>
      </div>
      <fieldset className="plan-decks">
        <legend>Decks in scope {deckIds.length === 0 && <span className="muted">(none chosen: every built-in deck)</span>}</legend>
        {decks
          .filter((deck) => !deck.name.includes('::'))
          .map((deck) => (
            <label key={deck.id} className="checkbox">
              <input type="checkbox" checked={deckIds.includes(deck.id)} onChange={() => toggle(deck.id)} />
              <span>{deck.name}</span>
            </label>
          ))}
      </fieldset>
      {error !== null && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
      <div className="actions">
        <button type="submit" className="primary" data-testid="save-plan" disabled={saving}>
          {saving ? 'Saving…' : plan ? 'Save changes' : 'Add interview'}
        </button>{' '}
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
