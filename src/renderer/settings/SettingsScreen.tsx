// Settings: when the study day starts, the theme and backups; the scheduling presets and which deck uses which.
import { useEffect, useRef, useState } from 'react';
import { DEFAULT_PRESET_ID } from '../../core/scheduling/presets';
import type { DeckNode, Preset, Settings } from '../../shared/dto';
import { AppError } from '../../shared/errors';
import { useApi } from '../app/api-context';
import { flattenDecks } from '../app/deck-list';
import { ErrorBanner } from '../app/errors';
import { applyTheme } from '../theme/theme';
import { setLeaveGuard } from '../app/leave-guard';
import { ConfirmDialog } from '../editor/ConfirmDialog';
import { describeError } from '../app/describe-error';
import { DeckPresetTable } from './DeckPresetTable';
import { FeedbackLine, type Feedback } from './Feedback';
import { OptimizerPanel } from '../memory-model/OptimizerPanel';
import { RetentionChart } from '../memory-model/RetentionChart';
import { WorkloadSettings } from './WorkloadSettings';
import { checkBackups, formToPreset, NUMBER_FIELDS, presetToForm, type PresetForm } from './preset-form';

const THEMES: Record<Settings['theme'], string> = { system: 'Follow the system', light: 'Light', dark: 'Dark' };
const hour = (h: number) => `${String(h).padStart(2, '0')}:00`;
/** "The deck that uses it" or "The 3 decks that use it", with the verb to follow agreeing. */
const decksUsing = (n: number, tense: 'present' | 'past') =>
  n === 1 ? `The deck that ${tense === 'past' ? 'used' : 'uses'} it ${tense === 'past' ? 'now uses' : 'will use'}` : `The ${n} decks that ${tense === 'past' ? 'used' : 'use'} it ${tense === 'past' ? 'now use' : 'will use'}`;

function FieldError({ id, text }: { id: string; text: string }) {
  return (
    <span className="field-error" id={id} data-testid="field-error">
      {text}
    </span>
  );
}

export function SettingsScreen() {
  const api = useApi();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [backups, setBackups] = useState('');
  const [presets, setPresets] = useState<Preset[]>([]);
  const [decks, setDecks] = useState<DeckNode[]>([]);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [form, setForm] = useState<PresetForm | null>(null);
  /** The field the last check or save found wrong, marked until the next try. */
  const [invalid, setInvalid] = useState<string | null>(null);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [saving, setSaving] = useState(false);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const said = useRef(0);
  /** The sentence for the field marked invalid, shown under that field. */
  const [fieldError, setFieldError] = useState<string | null>(null);
  /** Leaving (another screen, another preset) with unsaved preset changes: what to do once answered. */
  const [leaving, setLeaving] = useState<(() => void) | null>(null);

  const say = (at: string, message: string) => setFeedback({ at, id: ++said.current, kind: 'saved', message });
  const fail = (at: string, error: unknown) => setFeedback({ at, id: ++said.current, kind: 'error', error });
  const dismiss = () => setFeedback(null);

  const edit = (preset: Preset) => {
    setEditingId(preset.id);
    setForm(presetToForm(preset));
    setInvalid(null);
    setFieldError(null);
    setConfirmingDelete(false);
  };

  const load = async (showPresetId?: string) => {
    const [s, p, d] = await Promise.all([api.getSettings({}), api.listPresets({}), api.listDecks({})]);
    setSettings(s);
    setBackups(String(s.backupsToKeep));
    setPresets(p);
    setDecks(flattenDecks(d.decks));
    edit(p.find((preset) => preset.id === showPresetId) ?? p[0]!);
  };

  useEffect(() => {
    load().catch(setLoadError);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api]);

  const current = presets.find((preset) => preset.id === editingId);
  const unsaved = form !== null && current !== undefined && JSON.stringify(form) !== JSON.stringify(presetToForm(current));
  const unsavedNow = useRef(unsaved);
  unsavedNow.current = unsaved;
  // Unsaved preset changes: moving to another screen asks first (Save, Discard, or keep editing).
  useEffect(() => (unsaved ? setLeaveGuard((leave) => (unsavedNow.current ? setLeaving(() => leave) : leave())) : undefined), [unsaved]);

  if (!settings || !form || !current) return loadError ? <ErrorBanner error={loadError} /> : <p className="muted">Loading settings…</p>;
  const defaultName = presets.find((preset) => preset.id === DEFAULT_PRESET_ID)?.name ?? 'Default';
  const usedBy = decks.filter((deck) => deck.presetId === current.id).length;

  const updateSettings = async (changes: Partial<Settings>, message: string, at = 'general') => {
    try {
      const next = await api.updateSettings(changes);
      setSettings(next);
      setBackups(String(next.backupsToKeep));
      if (changes.theme) applyTheme(next.theme);
      say(at, message);
    } catch (caught) {
      fail(at, caught);
    }
  };

  /** Backups are saved when the field is left or Enter is pressed, not at every keystroke. */
  const commitBackups = () => {
    const checked = checkBackups(backups);
    if (typeof checked === 'string') return fail('general', new Error(checked));
    if (checked !== settings.backupsToKeep) void updateSettings({ backupsToKeep: checked }, `Saved: the last ${checked} daily backups are kept.`);
  };

  /** The preset the form describes, or undefined after saying (at `at`) which field is wrong. */
  const checkedForm = (at: string): Preset | undefined => {
    const checked = formToPreset(form, current);
    if ('preset' in checked) return checked.preset;
    setInvalid(checked.problem.field);
    setFieldError(checked.problem.message);
    fail(at, new Error(checked.problem.message));
    return undefined;
  };

  const savePreset = async (): Promise<boolean> => {
    const next = checkedForm('save');
    if (!next) return false;
    setSaving(true);
    try {
      const preset = await api.savePreset(next);
      setPresets(presets.map((p) => (p.id === preset.id ? preset : p)));
      setForm(presetToForm(preset));
      setInvalid(null);
      setFieldError(null);
      say('save', `Preset “${preset.name}” saved.`);
      return true;
    } catch (caught) {
      // The service names the field (learningSteps.1): mark the input it came from, and say why there.
      const field = caught instanceof AppError && caught.where?.field ? caught.where.field.split('.')[0]! : null;
      setInvalid(field);
      setFieldError(field ? describeError(caught) : null);
      fail('save', caught);
      return false;
    } finally {
      setSaving(false);
    }
  };

  const copyPreset = async () => {
    const next = checkedForm('presets');
    if (!next) return;
    const id = `preset-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
    try {
      const preset = await api.savePreset({ ...next, id, name: `${next.name} copy`.slice(0, 100) });
      setPresets([...presets, preset]);
      edit(preset);
      say('presets', `Copied as “${preset.name}”: rename it, change it, save it, and choose it for decks below.`);
    } catch (caught) {
      fail('presets', caught);
    }
  };

  const deletePreset = async () => {
    try {
      await api.deletePreset({ presetId: current.id });
      await load(DEFAULT_PRESET_ID);
      say('presets', `Deleted “${current.name}”.${usedBy ? ` ${decksUsing(usedBy, 'past')} “${defaultName}”.` : ''}`);
    } catch (caught) {
      setConfirmingDelete(false);
      fail('presets', caught);
    }
  };

  const assign = async (deck: DeckNode, presetId: string) => {
    try {
      await api.setDeckPreset({ deckId: deck.id, presetId });
      setDecks(decks.map((d) => (d.id === deck.id ? { ...d, presetId } : d)));
      say(`deck:${deck.id}`, `Now uses “${presets.find((p) => p.id === presetId)?.name ?? presetId}”.`);
    } catch (caught) {
      fail(`deck:${deck.id}`, caught);
    }
  };

  const number = (field: (typeof NUMBER_FIELDS)[number]) => (
    <label className="field" key={field.key}>
      <span>{field.label}</span>
      <input
        type="number"
        data-testid={`preset-${field.key}`}
        value={form.numbers[field.key]}
        min={field.min}
        max={field.max}
        step={field.whole ? 1 : 0.01}
        aria-invalid={invalid === field.key}
        aria-describedby={invalid === field.key && fieldError ? `field-error-${field.key}` : undefined}
        onChange={(event) => setForm({ ...form, numbers: { ...form.numbers, [field.key]: event.target.value } })}
      />
      {invalid === field.key && fieldError && <FieldError id={`field-error-${field.key}`} text={fieldError} />}
      {field.hint && <small className="muted">{field.hint}</small>}
    </label>
  );

  return (
    <section className="settings" data-testid="settings">
      <h1>Settings</h1>

      <h2>Study day and appearance</h2>
      <div className="form-grid">
        <label className="field">
          <span>A new study day starts at</span>
          <select
            data-testid="day-start"
            value={settings.dayStartHour}
            onChange={(event) => void updateSettings({ dayStartHour: Number(event.target.value) }, `Saved: a new study day starts at ${hour(Number(event.target.value))}.`)}
          >
            {Array.from({ length: 24 }, (_, h) => (
              <option key={h} value={h}>
                {hour(h)}
              </option>
            ))}
          </select>
          <small className="muted">Reviews after midnight but before this hour count for the previous day.</small>
        </label>
        <label className="field">
          <span>Theme</span>
          <select
            data-testid="theme"
            value={settings.theme}
            onChange={(event) => {
              const theme = event.target.value as Settings['theme'];
              void updateSettings({ theme }, `Saved: theme “${THEMES[theme]}”.`);
            }}
          >
            {Object.entries(THEMES).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Daily backups to keep</span>
          <input
            type="number"
            min={1}
            max={365}
            data-testid="backups-to-keep"
            value={backups}
            onChange={(event) => setBackups(event.target.value)}
            onBlur={commitBackups}
            onKeyDown={(event) => event.key === 'Enter' && commitBackups()}
          />
          <small className="muted">Saved when you leave the field or press Enter.</small>
        </label>
        <label className="field checkbox">
          <input
            type="checkbox"
            data-testid="limits-from-top"
            checked={settings.limitsStartFromTop}
            onChange={(event) =>
              void updateSettings(
                { limitsStartFromTop: event.target.checked },
                event.target.checked ? 'Saved: a deck studied on its own also keeps to its parents’ daily limits.' : 'Saved: a deck studied on its own keeps to its own daily limits.',
              )
            }
          />
          <span>
            Limits start from top
            <small className="muted checkbox-hint">A subdeck studied on its own also keeps to the daily limits of the decks above it (as Anki’s option of that name).</small>
          </span>
        </label>
      </div>
      <FeedbackLine feedback={feedback} at="general" onDismiss={dismiss} />

      <h2>Daily workload</h2>
      <WorkloadSettings settings={settings} update={(changes, message) => void updateSettings(changes, message, 'workload')} />
      <FeedbackLine feedback={feedback} at="workload" onDismiss={dismiss} />

      <h2>Scheduling presets</h2>
      <div className="preset-picker">
        <select
          aria-label="Preset to edit"
          data-testid="preset-picker"
          value={current.id}
          onChange={(event) => {
            const next = presets.find((p) => p.id === event.target.value)!;
            const go = () => {
              edit(next);
              dismiss();
            };
            if (unsaved) setLeaving(() => go);
            else go();
          }}
        >
          {presets.map((preset) => (
            <option key={preset.id} value={preset.id}>
              {preset.name}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => void copyPreset()}>
          Copy as new preset
        </button>
        <button
          type="button"
          data-testid="delete-preset"
          disabled={current.id === DEFAULT_PRESET_ID}
          title={current.id === DEFAULT_PRESET_ID ? 'The default preset cannot be deleted.' : undefined}
          onClick={() => setConfirmingDelete(true)}
        >
          Delete preset…
        </button>
      </div>
      {confirmingDelete && (
        <div className="confirm" role="group" aria-label="Delete preset" data-testid="confirm-delete">
          <p>
            Delete the preset “{current.name}”?{' '}
            {usedBy ? `${decksUsing(usedBy, 'present')} “${defaultName}” instead.` : 'No deck uses it.'}
          </p>
          <button type="button" className="danger" data-testid="confirm-delete-preset" onClick={() => void deletePreset()}>
            Delete “{current.name}”
          </button>{' '}
          {/* The safe answer has the focus, so Enter or Space alone never deletes. */}
          <button type="button" autoFocus onClick={() => setConfirmingDelete(false)}>
            Keep it
          </button>
        </div>
      )}
      <FeedbackLine feedback={feedback} at="presets" onDismiss={dismiss} />

      <form
        // Checked here: a wrong number gets a sentence beside its field, not the browser's bubble (or nothing).
        noValidate
        onSubmit={(event) => {
          // Enter in any field saves, as the button does.
          event.preventDefault();
          void savePreset();
        }}
      >
        <div className="form-grid">
          <label className="field">
            <span>Name</span>
            <input value={form.name} aria-invalid={invalid === 'name'} onChange={(event) => setForm({ ...form, name: event.target.value })} />
            {invalid === 'name' && fieldError && <FieldError id="field-error-name" text={fieldError} />}
          </label>
          {NUMBER_FIELDS.map(number)}
          <label className="field">
            <span>Learning steps</span>
            <input
              data-testid="learning-steps"
              value={form.learningSteps}
              aria-invalid={invalid === 'learningSteps'}
              onChange={(event) => setForm({ ...form, learningSteps: event.target.value })}
            />
            {invalid === 'learningSteps' && fieldError && <FieldError id="field-error-learningSteps" text={fieldError} />}
            <small className="muted">Minutes or hours, e.g. 1m 10m</small>
          </label>
          <label className="field">
            <span>Relearning steps</span>
            <input value={form.relearningSteps} aria-invalid={invalid === 'relearningSteps'} onChange={(event) => setForm({ ...form, relearningSteps: event.target.value })} />
            {invalid === 'relearningSteps' && fieldError && <FieldError id="field-error-relearningSteps" text={fieldError} />}
          </label>
          <label className="field checkbox">
            <input type="checkbox" checked={form.fuzz} onChange={(event) => setForm({ ...form, fuzz: event.target.checked })} />
            <span>Fuzz intervals, so cards learnt together do not stay together</span>
          </label>
        </div>
        <button type="submit" className="primary" data-testid="save-preset" disabled={saving}>
          {saving ? 'Saving…' : 'Save preset'}
        </button>
        <FeedbackLine feedback={feedback} at="save" onDismiss={dismiss} />
      </form>

      <OptimizerPanel presetId={current.id} presetName={current.name} onApplied={() => void api.listPresets({}).then((p) => (setPresets(p), edit(p.find((preset) => preset.id === current.id) ?? p[0]!)))} />
      <RetentionChart presetId={current.id} title={`Help me decide: desired retention for “${current.name}”, its workload and recall over 90 days`} />
      {leaving && (
        <ConfirmDialog
          title={`Save your changes to “${current.name}”?`}
          message="You changed this preset and have not saved it."
          choices={[
            {
              label: 'Save',
              kind: 'primary',
              testId: 'confirm-save',
              onChoose: () => {
                const leave = leaving;
                setLeaving(null);
                void savePreset().then((ok) => ok && leave());
              },
            },
            {
              label: 'Discard',
              kind: 'danger',
              testId: 'confirm-discard',
              onChoose: () => {
                const leave = leaving;
                setLeaving(null);
                setForm(presetToForm(current));
                // Once the form matches the preset again, the guard lets the move through.
                unsavedNow.current = false;
                leave();
              },
            },
          ]}
          cancelLabel="Keep editing"
          onCancel={() => setLeaving(null)}
        />
      )}

      <h2>Preset of each deck</h2>
      <DeckPresetTable decks={decks} presets={presets} feedback={feedback} onAssign={(deck, presetId) => void assign(deck, presetId)} onDismiss={dismiss} />
    </section>
  );
}
