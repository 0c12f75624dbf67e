// Daily limits across every deck, load balancing and easy days: how much work a day brings, and which days are lighter.
import { useEffect, useState } from 'react';
import type { Settings } from '../../shared/dto';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const EASY = [
  { value: 1, label: 'Normal' },
  { value: 0.5, label: 'Reduced' },
  { value: 0, label: 'Minimum' },
];

/** A limit field: empty means no limit across decks (only each deck's own). */
function LimitField({ label, value, testId, onCommit }: { label: string; value: number | null; testId: string; onCommit: (value: number | null) => void }) {
  const [text, setText] = useState(value === null ? '' : String(value));
  useEffect(() => setText(value === null ? '' : String(value)), [value]);
  const commit = () => {
    const next = text.trim() === '' ? null : Number(text);
    if (next !== value) onCommit(next);
  };
  return (
    <label className="field">
      <span>{label}</span>
      <input type="number" min={0} data-testid={testId} value={text} placeholder="no limit" onChange={(event) => setText(event.target.value)} onBlur={commit} onKeyDown={(event) => event.key === 'Enter' && commit()} />
    </label>
  );
}

export function WorkloadSettings({ settings, update }: { settings: Settings; update: (changes: Partial<Settings>, message: string) => void }) {
  return (
    <div className="form-grid" data-testid="workload-settings">
      <LimitField
        label="New cards a day, all decks together"
        value={settings.newPerDayAll}
        testId="new-per-day-all"
        onCommit={(value) => update({ newPerDayAll: value }, value === null ? 'Saved: no limit on new cards across decks (each deck keeps its own).' : `Saved: at most ${value} new cards a day across all decks.`)}
      />
      <LimitField
        label="Reviews a day, all decks together"
        value={settings.reviewsPerDayAll}
        testId="reviews-per-day-all"
        onCommit={(value) => update({ reviewsPerDayAll: value }, value === null ? 'Saved: no limit on reviews across decks.' : `Saved: at most ${value} reviews a day across all decks.`)}
      />
      <label className="field checkbox">
        <input
          type="checkbox"
          data-testid="load-balance"
          checked={settings.loadBalance}
          onChange={(event) => update({ loadBalance: event.target.checked }, event.target.checked ? 'Saved: reviews are spread to the least busy day fuzz allows.' : 'Saved: load balancing is off.')}
        />
        <span>Balance the load: within the fuzz range, a card goes to the day with the fewest cards due</span>
      </label>
      <fieldset className="easy-days" disabled={!settings.loadBalance}>
        <legend>Easy days (lighter days for load balancing)</legend>
        {WEEKDAYS.map((day, index) => (
          <label key={day} className="field compact">
            <span>{day}</span>
            <select
              value={settings.easyDays[index] ?? 1}
              onChange={(event) => {
                const easyDays = [...settings.easyDays];
                easyDays[index] = Number(event.target.value);
                update({ easyDays }, `Saved: ${day} is ${EASY.find((e) => e.value === Number(event.target.value))!.label.toLowerCase()}.`);
              }}
            >
              {EASY.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          </label>
        ))}
      </fieldset>
    </div>
  );
}
