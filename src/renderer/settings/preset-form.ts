// The preset form as the learner types it (text, so a cleared field stays empty), and its check before saving.
import type { Preset } from '../../shared/dto';

type NumberKey = 'desiredRetention' | 'maximumIntervalDays' | 'newPerDay' | 'reviewsPerDay' | 'leechThreshold';

export interface NumberField {
  key: NumberKey;
  label: string;
  min: number;
  max: number;
  /** Whole numbers only (everything but the retention). */
  whole: boolean;
  hint?: string;
}

/** The same bounds the service's contract enforces, with the labels the form shows. */
export const NUMBER_FIELDS: NumberField[] = [
  { key: 'desiredRetention', label: 'Desired retention', min: 0.7, max: 0.99, whole: false, hint: 'The chance of recall FSRS aims for at each review. Higher costs reviews: with the default weights 0.95 asks for about two and a half times the reviews of 0.90, and 0.80 for about a third.' },
  { key: 'maximumIntervalDays', label: 'Maximum interval (days)', min: 1, max: 36_500, whole: true },
  { key: 'newPerDay', label: 'New cards per day', min: 0, max: 9999, whole: true },
  { key: 'reviewsPerDay', label: 'Maximum reviews per day', min: 0, max: 99_999, whole: true },
  { key: 'leechThreshold', label: 'Leech threshold (lapses)', min: 1, max: 99, whole: true, hint: 'A card forgotten this often is tagged “leech” and suspended.' },
];

export interface PresetForm {
  name: string;
  numbers: Record<NumberKey, string>;
  learningSteps: string;
  relearningSteps: string;
  fuzz: boolean;
}

/** A problem with one field: its key (to mark it) and a sentence that names it. */
export interface FormProblem {
  field: NumberKey | 'name';
  message: string;
}

export function presetToForm(preset: Preset): PresetForm {
  return {
    name: preset.name,
    numbers: Object.fromEntries(NUMBER_FIELDS.map(({ key }) => [key, String(preset[key])])) as Record<NumberKey, string>,
    learningSteps: preset.learningSteps.join(' '),
    relearningSteps: preset.relearningSteps.join(' '),
    fuzz: preset.fuzz,
  };
}

const steps = (text: string) => text.split(/[\s,]+/).filter(Boolean);

function checkNumber(field: NumberField, text: string): number | FormProblem {
  const range = `${field.whole ? 'a whole number' : 'a number'} from ${field.min} to ${field.max}`;
  if (text.trim() === '') return { field: field.key, message: `${field.label} is empty: enter ${range}.` };
  const value = Number(text);
  if (!Number.isFinite(value) || value < field.min || value > field.max || (field.whole && !Number.isInteger(value))) {
    return { field: field.key, message: `${field.label} must be ${range}.` };
  }
  return value;
}

/**
 * The preset the form describes, or the first field that is not right. Steps are left to the
 * service, whose contract knows the rule for them and whose message names the step.
 */
export function formToPreset(form: PresetForm, base: Preset): { preset: Preset } | { problem: FormProblem } {
  if (!form.name.trim()) return { problem: { field: 'name', message: 'Name is empty: give the preset a name.' } };
  const preset: Preset = { ...base, name: form.name.trim(), learningSteps: steps(form.learningSteps), relearningSteps: steps(form.relearningSteps), fuzz: form.fuzz };
  for (const field of NUMBER_FIELDS) {
    const checked = checkNumber(field, form.numbers[field.key]);
    if (typeof checked !== 'number') return { problem: checked };
    preset[field.key] = checked;
  }
  return { preset };
}

/** The daily backups to keep, as typed: a whole number from 1 to 365, or a sentence saying so. */
export function checkBackups(text: string): number | string {
  const value = Number(text);
  if (text.trim() === '') return 'Daily backups to keep is empty: enter a whole number from 1 to 365.';
  if (!Number.isInteger(value) || value < 1 || value > 365) return 'Daily backups to keep must be a whole number from 1 to 365.';
  return value;
}
