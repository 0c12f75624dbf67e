// Note types, decks, deck options and day counting of a schema 11 collection, kept as JSON in the `col` row.
import { z } from 'zod';
import type { ImportedNoteType } from '../../../core/import/bundle';
import { finiteOrNull, noteTypeKey, numberList, type CollectionMeta, type DeckConfigInfo, type DeckInfo } from './collection-meta';
import { int, text, type CollectionDb } from './sqlite';

const Model = z.object({
  name: z.string(),
  type: z.union([z.number(), z.string()]).optional(),
  flds: z.array(z.object({ name: z.string() })),
  tmpls: z.array(z.object({ name: z.string(), qfmt: z.string(), afmt: z.string().optional() })),
  css: z.string().optional(),
});

const Deck = z.object({
  name: z.string(),
  desc: z.string().optional(),
  dyn: z.union([z.number(), z.boolean()]).optional(),
  conf: z.unknown().optional(),
  desiredRetention: z.unknown().optional(),
});

/** Only what scheduling needs; every part may be missing or of another type in an old or damaged file. */
const DeckConfig = z.object({
  name: z.string().optional(),
  new: z.object({ delays: z.unknown(), perDay: z.unknown() }).partial().optional(),
  lapse: z.object({ delays: z.unknown(), leechFails: z.unknown() }).partial().optional(),
  rev: z.object({ perDay: z.unknown(), maxIvl: z.unknown() }).partial().optional(),
  fsrsWeights: z.unknown().optional(),
  fsrsParams5: z.unknown().optional(),
  fsrsParams6: z.unknown().optional(),
  desiredRetention: z.unknown().optional(),
  sm2Retention: z.unknown().optional(),
});

export function readSchema11Meta(db: CollectionDb, problems: string[], file: string): CollectionMeta {
  const where = `${file}: "${db.entry}"`;
  let row: string[] | undefined;
  let crtSecs = 0;
  db.select('SELECT models, decks, conf, dconf, crt FROM col LIMIT 1', (r) => {
    row = r.slice(0, 4).map(text);
    crtSecs = int(r[4]);
  });
  if (!row) throw new Error('its col table is empty');
  const [modelsJson = '', decksJson = '', confJson = '', dconfJson = ''] = row;

  const noteTypes = new Map<number, ImportedNoteType>();
  for (const [key, value] of entriesOf(modelsJson, 'note types (col.models)', where, problems)) {
    const id = Number(key);
    const parsed = Model.safeParse(value);
    if (!Number.isSafeInteger(id) || !parsed.success) {
      problems.push(`${where}: note type ${showKey(key, value)} could not be read (${parsed.error?.issues[0]?.message ?? 'its id is not a number'}); its notes were skipped`);
      continue;
    }
    const model = parsed.data;
    noteTypes.set(id, {
      key: noteTypeKey(id),
      name: model.name,
      kind: Number(model.type) === 1 ? 'cloze' : 'normal',
      fields: model.flds.map((field) => field.name),
      templates: model.tmpls.map((template) => ({ name: template.name, front: template.qfmt, back: template.afmt ?? '' })),
      css: model.css ?? '',
    });
  }

  const decks = new Map<number, DeckInfo>();
  for (const [key, value] of entriesOf(decksJson, 'decks (col.decks)', where, problems)) {
    const id = Number(key);
    const parsed = Deck.safeParse(value);
    if (!Number.isSafeInteger(id) || !parsed.success) {
      problems.push(`${where}: deck ${showKey(key, value)} could not be read; its cards go to the note's other decks or Default`);
      continue;
    }
    decks.set(id, {
      name: parsed.data.name,
      description: parsed.data.desc ?? '',
      filtered: Number(parsed.data.dyn ?? 0) !== 0,
      configId: finiteOrNull(parsed.data.conf),
      desiredRetention: finiteOrNull(parsed.data.desiredRetention),
    });
  }

  const deckConfigs = new Map<number, DeckConfigInfo>();
  // Deck options only tune scheduling: unreadable ones leave the decks on the collection's preset.
  for (const [key, value] of dconfJson ? entriesOf(dconfJson, 'deck options (col.dconf)', where, problems) : []) {
    const parsed = DeckConfig.safeParse(value);
    if (!parsed.success || !Number.isSafeInteger(Number(key))) continue;
    const config = parsed.data;
    const params6 = numberList(config.fsrsParams6);
    const params5 = numberList(config.fsrsParams5);
    deckConfigs.set(Number(key), {
      name: config.name ?? `Options ${key}`,
      learnSteps: numberList(config.new?.delays),
      relearnSteps: numberList(config.lapse?.delays),
      newPerDay: finiteOrNull(config.new?.perDay),
      reviewsPerDay: finiteOrNull(config.rev?.perDay),
      maximumInterval: finiteOrNull(config.rev?.maxIvl),
      leechThreshold: finiteOrNull(config.lapse?.leechFails),
      fsrsParams: params6.length ? params6 : params5.length ? params5 : numberList(config.fsrsWeights),
      desiredRetention: finiteOrNull(config.desiredRetention),
      sm2Retention: finiteOrNull(config.sm2Retention),
    });
  }

  let schedulerV1 = true;
  let creationOffset: number | null = null;
  let fsrs: boolean | null = null;
  try {
    const conf: unknown = JSON.parse(confJson);
    if (conf && typeof conf === 'object') {
      if ('schedVer' in conf) schedulerV1 = Number(conf.schedVer) === 1;
      if ('creationOffset' in conf) creationOffset = finiteOrNull(conf.creationOffset);
      if ('fsrs' in conf && typeof conf.fsrs === 'boolean') fsrs = conf.fsrs;
    }
  } catch {
    // A collection whose config is unreadable is treated like the oldest ones: v1.
  }
  return { noteTypes, decks, deckConfigs, timing: { crtSecs, creationOffsetMinutesWest: creationOffset }, schedulerV1, fsrs };
}

function entriesOf(json: string, what: string, where: string, problems: string[]): [string, unknown][] {
  try {
    const value: unknown = JSON.parse(json);
    if (value && typeof value === 'object' && !Array.isArray(value)) return Object.entries(value);
    problems.push(`${where}: the ${what} are not a JSON object`);
  } catch (error) {
    problems.push(`${where}: the ${what} are not valid JSON (${(error as Error).message})`);
  }
  return [];
}

function showKey(key: string, value: unknown): string {
  const name = value && typeof value === 'object' && 'name' in value && typeof value.name === 'string' ? ` "${value.name}"` : '';
  return `${key.slice(0, 40)}${name}`;
}
