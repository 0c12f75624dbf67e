// Note types, decks, deck options and day counting of a schema 15-18 collection: tables whose config columns are protobuf.
import type { ImportedNoteType } from '../../../core/import/bundle';
import { decodeDeckConfig, decodeDeckKind, decodeNotetypeConfig, decodeTemplateConfig } from './anki-proto';
import { finiteOrNull, fromFloat32, noteTypeKey, type CollectionMeta, type DeckConfigInfo, type DeckInfo } from './collection-meta';
import { blob, int, text, type CollectionDb } from './sqlite';
import { errorText } from './error-text';

/** Schema 18 keeps deck names with this separator where the user sees `::`. */
const DECK_SEPARATOR = '\x1f';

export function readSchema18Meta(db: CollectionDb, problems: string[], file: string): CollectionMeta {
  const where = `${file}: "${db.entry}"`;
  const noteTypes = new Map<number, ImportedNoteType>();

  db.select('SELECT id, name, config FROM notetypes ORDER BY id', ([id, name, config]) => {
    const ntid = int(id);
    try {
      const decoded = decodeNotetypeConfig(blob(config));
      noteTypes.set(ntid, {
        key: noteTypeKey(ntid),
        name: text(name),
        kind: decoded.kind === 1 ? 'cloze' : 'normal',
        fields: [],
        templates: [],
        css: decoded.css,
      });
    } catch (error) {
      problems.push(`${where}: note type ${ntid} "${text(name)}" could not be read (${errorText(error)}); its notes were skipped`);
    }
  });
  // Joined on notetypes.id: packages carry field and template rows of note types they do not include.
  db.select('SELECT f.ntid, f.name FROM fields f JOIN notetypes n ON n.id = f.ntid ORDER BY f.ntid, f.ord', ([ntid, name]) => {
    noteTypes.get(int(ntid))?.fields.push(text(name));
  });
  db.select('SELECT t.ntid, t.name, t.config FROM templates t JOIN notetypes n ON n.id = t.ntid ORDER BY t.ntid, t.ord', ([ntid, name, config]) => {
    const id = int(ntid);
    const noteType = noteTypes.get(id);
    if (!noteType) return;
    try {
      const decoded = decodeTemplateConfig(blob(config));
      noteType.templates.push({ name: text(name), front: decoded.qFormat, back: decoded.aFormat });
    } catch (error) {
      noteTypes.delete(id);
      problems.push(`${where}: template "${text(name)}" of note type ${id} "${noteType.name}" could not be read (${errorText(error)}); its notes were skipped`);
    }
  });

  const decks = new Map<number, DeckInfo>();
  db.select('SELECT id, name, kind FROM decks', ([id, name, kind]) => {
    let description = '';
    let filtered = false;
    let configId: number | null = null;
    let desiredRetention: number | null = null;
    try {
      const decoded = decodeDeckKind(blob(kind));
      description = decoded.normal?.description ?? '';
      filtered = !!decoded.filtered;
      configId = decoded.normal ? decoded.normal.configId : null;
      const override = decoded.normal?.desiredRetention;
      desiredRetention = typeof override === 'number' ? fromFloat32(override) : null;
    } catch (error) {
      problems.push(`${where}: the settings of deck "${text(name)}" could not be read (${errorText(error)}); it was imported without a description`);
    }
    decks.set(int(id), { name: text(name).split(DECK_SEPARATOR).join('::'), description, filtered, configId, desiredRetention });
  });

  const deckConfigs = new Map<number, DeckConfigInfo>();
  if (db.hasTable('deck_config')) {
    db.select('SELECT id, name, config FROM deck_config', ([id, name, config]) => {
      // Deck options only tune scheduling: unreadable ones leave the decks on the collection's preset.
      try {
        const c = decodeDeckConfig(blob(config));
        const floats = (list: number[]) => list.map(fromFloat32);
        const params = c.fsrsParams_6.length ? c.fsrsParams_6 : c.fsrsParams_5.length ? c.fsrsParams_5 : c.fsrsParams_4;
        deckConfigs.set(int(id), {
          name: text(name),
          learnSteps: floats(c.learnSteps),
          relearnSteps: floats(c.relearnSteps),
          newPerDay: c.newPerDay,
          reviewsPerDay: c.reviewsPerDay,
          maximumInterval: c.maximumReviewInterval || null,
          leechThreshold: c.leechThreshold || null,
          fsrsParams: floats(params),
          desiredRetention: c.desiredRetention ? fromFloat32(c.desiredRetention) : null,
          sm2Retention: c.historicalRetention ? fromFloat32(c.historicalRetention) : null,
        });
      } catch {
        /* left out */
      }
    });
  }

  let schedulerV1 = true;
  let creationOffset: number | null = null;
  let fsrs: boolean | null = null;
  if (db.hasTable('config')) {
    db.select("SELECT KEY, val FROM config WHERE KEY IN ('schedVer', 'creationOffset', 'fsrs')", ([key, val]) => {
      const value = text(val).trim();
      if (text(key) === 'schedVer') schedulerV1 = value === '1';
      else if (text(key) === 'creationOffset') creationOffset = finiteOrNull(value);
      else if (value === 'true' || value === 'false') fsrs = value === 'true';
    });
  }
  let crtSecs = 0;
  db.select('SELECT crt FROM col LIMIT 1', ([crt]) => {
    crtSecs = int(crt);
  });
  return { noteTypes, decks, deckConfigs, timing: { crtSecs, creationOffsetMinutesWest: creationOffset }, schedulerV1, fsrs };
}
