// Settings: the scheduling preset of each deck, when the study day starts, and the theme.
import { useCallback, useEffect, useState } from 'react';
import type { DeckNode, Preset, Settings } from '../../shared/dto';
import { useApi } from '../app/api-context';
import { flattenDecks } from '../app/deck-list';
import { ErrorBanner } from '../app/errors';
import { applyTheme } from '../theme/theme';


const steps = (text: string) => text.split(/[\s,]+/).filter(Boolean);

export function SettingsScreen() {
  const api = useApi();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [presets, setPresets] = useState<Preset[]>([]);
  const [decks, setDecks] = useState<DeckNode[]>([]);
  const [editing, setEditing] = useState<Preset | null>(null);
  const [stepsText, setStepsText] = useState({ learning: '', relearning: '' });
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const [s, p, d] = await Promise.all([api.getSettings({}), api.listPresets({}), api.listDecks({})]);
      setSettings(s);
      setPresets(p);
      setDecks(flattenDecks(d.decks));
      const first = editing ? (p.find((preset) => preset.id === editing.id) ?? p[0]!) : p[0]!;
      setEditing(first);
      setStepsText({ learning: first.learningSteps.join(' '), relearning: first.relearningSteps.join(' ') });
    } catch (caught) {
      setError(caught);
    }
  }, [api, editing]);

  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api]);

  const updateSettings = async (changes: Partial<Settings>) => {
    try {
      const next = await api.updateSettings(changes);
      setSettings(next);
      if (changes.theme) applyTheme(next.theme);
      setSaved('Settings saved.');
    } catch (caught) {
      setError(caught);
    }
  };

  const savePreset = async () => {
    if (!editing) return;
    try {
      const preset = await api.savePreset({ ...editing, learningSteps: steps(stepsText.learning), relearningSteps: steps(stepsText.relearning) });
      setPresets(presets.map((p) => (p.id === preset.id ? preset : p)));
      setSaved(`Preset “${preset.name}” saved.`);
    } catch (caught) {
      setError(caught);
    }
  };

  const addPreset = async () => {
    if (!editing) return;
    const id = `preset-${presets.length + 1}-${Math.random().toString(36).slice(2, 6)}`;
    try {
      const preset = await api.savePreset({ ...editing, id, name: `${editing.name} copy` });
      setPresets([...presets, preset]);
      setEditing(preset);
    } catch (caught) {
      setError(caught);
    }
  };

  const assign = async (deckId: string, presetId: string) => {
    try {
      await api.setDeckPreset({ deckId, presetId });
      setDecks(decks.map((deck) => (deck.id === deckId ? { ...deck, presetId } : deck)));
    } catch (caught) {
      setError(caught);
    }
  };

  if (!settings || !editing) return error ? <ErrorBanner error={error} /> : <p className="muted">Loading settings…</p>;

  const number = (key: keyof Preset, label: string, props: { min: number; max: number; step?: number }, hint?: string) => (
    <label className="field">
      <span>{label}</span>
      <input
        type="number"
        data-testid={`preset-${key}`}
        value={editing[key] as number}
        {...props}
        onChange={(event) => setEditing({ ...editing, [key]: Number(event.target.value) })}
      />
      {hint && <small className="muted">{hint}</small>}
    </label>
  );

  return (
    <section className="settings" data-testid="settings">
      <h1>Settings</h1>
      <ErrorBanner error={error} onDismiss={() => setError(null)} />
      {saved && (
        <p className="notice" role="status">
          {saved}
        </p>
      )}

      <h2>Study day and appearance</h2>
      <div className="form-grid">
        <label className="field">
          <span>A new study day starts at</span>
          <select data-testid="day-start" value={settings.dayStartHour} onChange={(event) => void updateSettings({ dayStartHour: Number(event.target.value) })}>
            {Array.from({ length: 24 }, (_, hour) => (
              <option key={hour} value={hour}>
                {String(hour).padStart(2, '0')}:00
              </option>
            ))}
          </select>
          <small className="muted">Reviews after midnight but before this hour count for the previous day.</small>
        </label>
        <label className="field">
          <span>Theme</span>
          <select data-testid="theme" value={settings.theme} onChange={(event) => void updateSettings({ theme: event.target.value as Settings['theme'] })}>
            <option value="system">Follow the system</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </label>
        <label className="field">
          <span>Daily backups to keep</span>
          <input type="number" min={1} max={365} value={settings.backupsToKeep} onChange={(event) => void updateSettings({ backupsToKeep: Number(event.target.value) })} />
        </label>
      </div>

      <h2>Scheduling presets</h2>
      <div className="preset-picker">
        <select
          value={editing.id}
          onChange={(event) => {
            const next = presets.find((p) => p.id === event.target.value)!;
            setEditing(next);
            setStepsText({ learning: next.learningSteps.join(' '), relearning: next.relearningSteps.join(' ') });
          }}
        >
          {presets.map((preset) => (
            <option key={preset.id} value={preset.id}>
              {preset.name}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => void addPreset()}>
          Copy as new preset
        </button>
      </div>
      <div className="form-grid">
        <label className="field">
          <span>Name</span>
          <input value={editing.name} onChange={(event) => setEditing({ ...editing, name: event.target.value })} />
        </label>
        {number('desiredRetention', 'Desired retention', { min: 0.7, max: 0.99, step: 0.01 }, 'The chance of recall FSRS aims for at each review.')}
        {number('maximumIntervalDays', 'Maximum interval (days)', { min: 1, max: 36500 })}
        {number('newPerDay', 'New cards per day', { min: 0, max: 9999 })}
        {number('reviewsPerDay', 'Maximum reviews per day', { min: 0, max: 99999 })}
        {number('leechThreshold', 'Leech threshold (lapses)', { min: 1, max: 99 }, 'A card forgotten this often is tagged “leech” and suspended.')}
        <label className="field">
          <span>Learning steps</span>
          <input data-testid="learning-steps" value={stepsText.learning} onChange={(event) => setStepsText({ ...stepsText, learning: event.target.value })} />
          <small className="muted">e.g. 1m 10m</small>
        </label>
        <label className="field">
          <span>Relearning steps</span>
          <input value={stepsText.relearning} onChange={(event) => setStepsText({ ...stepsText, relearning: event.target.value })} />
        </label>
        <label className="field checkbox">
          <input type="checkbox" checked={editing.fuzz} onChange={(event) => setEditing({ ...editing, fuzz: event.target.checked })} />
          <span>Fuzz intervals, so cards learnt together do not stay together</span>
        </label>
      </div>
      <button type="button" className="primary" data-testid="save-preset" onClick={() => void savePreset()}>
        Save preset
      </button>

      <h2>Preset of each deck</h2>
      <table className="deck-presets">
        <tbody>
          {decks.map((deck) => (
            <tr key={deck.id}>
              <td>{deck.name}</td>
              <td>
                <select value={deck.presetId} aria-label={`Preset of ${deck.name}`} onChange={(event) => void assign(deck.id, event.target.value)}>
                  {presets.map((preset) => (
                    <option key={preset.id} value={preset.id}>
                      {preset.name}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
