// Every real deck in tests/fixtures, exported as Markdown and imported into an empty collection: the same notes come back, field by field.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Collection } from '../../src/core/collection/collection';
import type { NoteRecord, NoteTypeRecord } from '../../src/core/collection/types';
import { exportMarkdownDecks } from '../../src/core/export/markdown-decks';
import { clozeOrds } from '../../src/core/notes/cloze';
import { htmlToMarkdown } from '../../src/main/export/html-to-markdown';
import { openTestService } from '../helpers/service';
import { tempFolder } from '../helpers/temp-folder';
import { visibleHtml, visibleMarkdown } from '../helpers/visible-text';

const FIXTURES = join(import.meta.dirname, '../fixtures');
/** What the importer reads, by name. */
const IMPORTABLE = /\.(apkg|colpkg|interleave|txt|csv|tsv|md)$/i;
/** Files of those kinds in the fixtures that are not decks, and what they are. */
const NOT_DECKS: Record<string, string> = { 'SOURCES.md': 'where the fixtures of a folder come from', 'README.md': 'what a fixture folder holds' };

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => (statSync(join(dir, name)).isDirectory() ? filesUnder(join(dir, name)) : [join(dir, name)]));
}

// Enumerated, so a deck added to the fixtures is covered without touching this test.
const DECKS = filesUnder(FIXTURES).filter((path) => IMPORTABLE.test(path) && !(path.split('/').pop()! in NOT_DECKS));

/** The field a cloze type's template deletes from. */
const clozeField = (type: NoteTypeRecord) => type.templates.map((t) => /\{\{(?:[^}]*:)?cloze:([^}]+)\}\}/.exec(t.front)?.[1]).find(Boolean) ?? type.fields[0]!;

/**
 * What an Anki note should come back as, field by field, in what a reader sees (visible-text.ts):
 * a cloze type with a deletion Interleave reads is a cloze note whose Text is the deleted-from
 * field; any other note is a basic note whose Front is that field (a normal type: its first) and
 * whose Back is its second field (a cloze type: none). Every other non-empty field follows in Extra
 * or Back under a heading of its name, which reads as a line of its own.
 */
function expectedAnki(note: NoteRecord, type: NoteTypeRecord): { type: 'cloze' | 'basic'; fields: Record<string, string> } {
  const value = (name: string) => note.fields[name] ?? '';
  const shown = (name: string) => visibleHtml(value(name));
  const first = type.kind === 'cloze' ? clozeField(type) : type.fields[0]!;
  const second = type.kind === 'cloze' ? undefined : type.fields[1];
  const others = type.fields.filter((name) => name !== first && name !== second && value(name).trim());
  const rest = [...(second ? [shown(second)] : []), ...others.map((name) => `${name}\n${shown(name)}`)].filter(Boolean).join('\n');
  const cloze = type.kind === 'cloze' && clozeOrds(htmlToMarkdown(value(first))).length > 0;
  return cloze ? { type: 'cloze', fields: { Text: shown(first), Extra: rest } } : { type: 'basic', fields: { Front: shown(first) || '(empty)', Back: rest || '(empty)' } };
}

/**
 * Markdown fields come back as they were, but for what the deck format does not keep
 * (docs/deck-format.md): spaces at the end of a line, and blank lines at the start and end of a field.
 */
const asFormatKeeps = (text: string) =>
  text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/^\n+|\n+$/g, '');

const ordsOf = (col: Collection, noteId: string) => (col.cardsByNote.get(noteId) ?? []).map((id) => col.cards.get(id)!.ord).sort((a, b) => a - b);

describe('Markdown export reads back for every real deck in tests/fixtures', () => {
  it('finds the fixtures: packages, text files and Markdown decks', () => {
    const names = DECKS.map((path) => relative(FIXTURES, path));
    expect(names).toContain('anki/mauriciopoppe-french-cloze-2026.apkg');
    expect(names).toContain('text/anki-export-mathjax_inwaves-linear-algebra.txt');
    expect(names).toContain('decks/sample.md');
  });

  it.each(DECKS.map((path) => [relative(FIXTURES, path), path]))('%s', async (_name, path) => {
    const { service } = openTestService({ decks: null });
    await service.importFile({ path });
    const col = service.store.requireCollection();
    const summary = await service.exportTo({ format: 'md', path: join(tempFolder('md-round-trip'), 'decks') });

    // Each file imports whole into an empty collection: no note makes a file refuse.
    const fresh = openTestService({ decks: null });
    for (const file of summary.paths) await fresh.service.importFile({ path: file });
    const copy = fresh.service.store.requireCollection();
    expect(copy.notes.size).toBe(col.notes.size);

    const { ids } = exportMarkdownDecks(col, undefined, htmlToMarkdown);
    const differences: string[] = [];
    const changed: string[] = [];
    const differ = (what: string, got: unknown, wanted: unknown) => {
      if (JSON.stringify(got) !== JSON.stringify(wanted)) differences.push(`${what}:\n  got    ${JSON.stringify(got)}\n  wanted ${JSON.stringify(wanted)}`);
    };
    for (const note of col.notes.values()) {
      const id = ids.get(note.id)!;
      const back = copy.notes.get(id)!;
      const where = `${note.id} (${id})`;
      differ(`${where} deck`, copy.decks.get(back.deckId)?.name, col.decks.get(note.deckId)?.name);
      differ(`${where} tags`, back.tags, note.tags);
      const type = note.noteTypeId ? col.noteTypes.get(note.noteTypeId) : undefined;
      if (note.type === 'anki' && type) {
        const expected = expectedAnki(note, type);
        if (expected.type === 'basic' && type.kind === 'cloze') changed.push(id);
        if (expected.type === 'basic' && (expected.fields.Front === '(empty)' || expected.fields.Back === '(empty)')) changed.push(id);
        differ(`${where} type`, back.type, expected.type);
        for (const [name, shown] of Object.entries(expected.fields)) differ(`${where} ${name}`, visibleMarkdown(back.fields[name] ?? ''), shown);
        // Anki's cards for a cloze note are its deletions; a normal type's extra templates are not carried.
        differ(`${where} cards`, ordsOf(copy, id), expected.type === 'cloze' ? ordsOf(col, note.id) : [1]);
      } else {
        differ(`${where} type`, back.type, note.type);
        differ(`${where} field names`, Object.keys(back.fields).sort(), Object.keys(note.fields).filter((name) => note.fields[name]!.trim()).sort());
        for (const [name, value] of Object.entries(note.fields)) {
          const got = back.fields[name] ?? '';
          if (note.format === 'html') differ(`${where} ${name}`, visibleMarkdown(got), visibleHtml(value));
          else differ(`${where} ${name}`, got, asFormatKeeps(value));
        }
        differ(`${where} cards`, ordsOf(copy, id), ordsOf(col, note.id));
      }
    }
    expect(differences.slice(0, 10).join('\n'), `${differences.length} difference(s)`).toBe('');

    // The notes written in another form are exactly the ones the export's messages name.
    const named = summary.messages.filter((message) => message.startsWith('Written in another form')).map((message) => /: (\S+) \(/.exec(message)?.[1]);
    expect(named.sort()).toEqual(changed.sort());
    await service.close();
    await fresh.service.close();
  });
});
