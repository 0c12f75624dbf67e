// Note types, decks and scheduler version of a schema 11 collection, kept as JSON in the `col` row.
import { z } from 'zod';
import type { ImportedNoteType } from '../../../core/import/bundle';
import { noteTypeKey, type CollectionMeta, type DeckInfo } from './collection-meta';
import { text, type CollectionDb } from './sqlite';

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
});

export function readSchema11Meta(db: CollectionDb, problems: string[], file: string): CollectionMeta {
  const where = `${file}: "${db.entry}"`;
  let row: string[] | undefined;
  db.select('SELECT models, decks, conf FROM col LIMIT 1', (r) => {
    row = r.map(text);
  });
  if (!row) throw new Error('its col table is empty');
  const [modelsJson = '', decksJson = '', confJson = ''] = row;

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
    decks.set(id, { name: parsed.data.name, description: parsed.data.desc ?? '', filtered: Number(parsed.data.dyn ?? 0) !== 0 });
  }

  let schedulerV1 = true;
  try {
    const conf: unknown = JSON.parse(confJson);
    if (conf && typeof conf === 'object' && 'schedVer' in conf) schedulerV1 = Number(conf.schedVer) === 1;
  } catch {
    // A collection whose config is unreadable is treated like the oldest ones: v1.
  }
  return { noteTypes, decks, schedulerV1 };
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
