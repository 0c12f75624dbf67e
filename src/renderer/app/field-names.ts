// The names people see for the fields the service names in its errors (`learningSteps.0` is "Learning step 1").

/** Fields shown by their label on a screen; `null` for fields a person never sees (no label is added). */
const LABELS: Record<string, string | null> = {
  name: 'Name',
  desiredRetention: 'Desired retention',
  maximumIntervalDays: 'Maximum interval',
  newPerDay: 'New cards per day',
  reviewsPerDay: 'Maximum reviews per day',
  leechThreshold: 'Leech threshold',
  learningSteps: 'Learning steps',
  relearningSteps: 'Relearning steps',
  fuzz: 'Fuzz',
  weights: 'FSRS weights',
  dayStartHour: 'Start of the study day',
  theme: 'Theme',
  backupsToKeep: 'Daily backups to keep',
  limitsStartFromTop: 'Limits start from top',
  query: 'Search',
  deckId: 'Deck',
  deckName: 'Deck name',
  presetId: 'Preset',
  cardId: 'Card',
  cardIds: 'Cards',
  noteId: 'Note',
  tags: 'Tags',
  fields: 'Fields',
  file: 'File',
  'change.deckId': 'Deck',
  'change.toDays': 'End of the range',
  '(input)': null,
  path: null,
  jobId: null,
};

/** One item of a list field, counted from 1 as people count. */
const ITEM_LABELS: Record<string, string> = {
  learningSteps: 'Learning step',
  relearningSteps: 'Relearning step',
  tags: 'Tag',
  cardIds: 'Card',
};

/** "maximumIntervalDays" → "Maximum interval days": for a field no one thought to name. */
function words(key: string): string {
  const spaced = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[._-]+/g, ' ').trim().toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

export function fieldLabel(field: string): string | null {
  if (field in LABELS) return LABELS[field]!;
  const item = /^(.+)\.(\d+)$/.exec(field);
  if (item && ITEM_LABELS[item[1]!]) return `${ITEM_LABELS[item[1]!]} ${Number(item[2]) + 1}`;
  // A note's fields are named by the note type ("fields.Front"): their own name is the label.
  const noteField = /^fields\.(.+)$/.exec(field);
  if (noteField) return noteField[1]!;
  if (field.startsWith('--')) return field;
  return words(field);
}
