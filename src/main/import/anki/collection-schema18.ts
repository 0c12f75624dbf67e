// Note types, decks and scheduler version of a schema 15-18 collection: tables whose config columns are protobuf.
import type { ImportedNoteType } from '../../../core/import/bundle';
import { decodeDeckKind, decodeNotetypeConfig, decodeTemplateConfig } from './anki-proto';
import { noteTypeKey, type CollectionMeta, type DeckInfo } from './collection-meta';
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
    try {
      const decoded = decodeDeckKind(blob(kind));
      description = decoded.normal?.description ?? '';
      filtered = !!decoded.filtered;
    } catch (error) {
      problems.push(`${where}: the settings of deck "${text(name)}" could not be read (${errorText(error)}); it was imported without a description`);
    }
    decks.set(int(id), { name: text(name).split(DECK_SEPARATOR).join('::'), description, filtered });
  });

  let schedulerV1 = true;
  if (db.hasTable('config')) {
    db.select("SELECT val FROM config WHERE KEY = 'schedVer'", ([val]) => {
      schedulerV1 = text(val).trim() === '1';
    });
  }
  return { noteTypes, decks, schedulerV1 };
}
