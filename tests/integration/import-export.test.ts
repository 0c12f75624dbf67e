// Importing real decks into a collection and exporting them again, through the service, as the app and CLI do.
import { existsSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAnkiPackage } from '../../src/main/import/anki/package-reader';
import { JOURNAL_FILE } from '../../src/main/store/journal';
import { basicNote, card, packageOf } from '../helpers/anki-builder';
import { openTestService, TestClock, T0 } from '../helpers/service';
import { tempFolder } from '../helpers/temp-folder';

const FIXTURES = join(import.meta.dirname, '../fixtures');
const anki = (name: string) => join(FIXTURES, 'anki', name);
const text = (name: string) => join(FIXTURES, 'text', name);

function emptyService(clock = new TestClock(T0), dataDir?: string) {
  return openTestService({ clock, decks: null, ...(dataDir ? { dataDir } : {}) });
}

describe('importing Anki packages', () => {
  it('brings in a legacy-1 glossary: every note, its media, and Anki LaTeX shown with KaTeX', async () => {
    const { service, dataDir } = emptyService();
    const summary = await service.importFile({ path: anki('darigov-google-ml-glossary.apkg') });
    expect(summary).toMatchObject({ format: 'anki-legacy1', notes: { added: 413 }, cards: { added: 413 }, media: { added: 21 } });
    expect(readdirSync(join(dataDir, 'media'))).toHaveLength(21);
    const decks = await service.listDecks({});
    expect(decks.decks.map((d) => d.name)).toContain('Google Machine Learning Glossary (Darigov Decks)');
    // Anki's [$$]…[/$$] LaTeX (in 15 notes) and MathJax (in 9) render through KaTeX, never TeX.
    let withMath = 0;
    for (const cardId of service.store.requireCollection().cards.keys()) {
      const info = await service.getCard({ cardId });
      if (info.back.includes('class="katex')) withMath++;
    }
    expect(withMath).toBeGreaterThanOrEqual(15);
    await service.close();
  });

  it('keeps a legacy-2 cloze deck’s review history, schedules and suspensions, and never duplicates on re-import', async () => {
    const { service } = emptyService();
    const first = await service.importFile({ path: anki('mauriciopoppe-french-cloze-2026.apkg') });
    expect(first).toMatchObject({ format: 'anki-legacy2', notes: { added: 1639 }, reviews: { added: 3470 } });
    const col = service.store.requireCollection();
    expect(col.history.activeCount).toBe(3470);
    const cards = [...col.cards.values()];
    expect(cards.filter((c) => c.suspended)).toHaveLength(47);
    expect(cards.filter((c) => c.state !== 0).length).toBe(461);
    // Hints survive: the front shows the hint in brackets.
    const withHint = [...col.notes.values()].find((n) => /\{\{c1::[^}]*::[^}]+\}\}/.test(n.fields.Expression ?? ''))!;
    const info = await service.getCard({ cardId: `${withHint.id}/1` });
    expect(info.front).toMatch(/<span class="cloze">\[[^\]…]+\]<\/span>/);
    // A studied card shows its Anki history oldest first, and its schedule is what its last review gave.
    const studied = cards.find((c) => c.state !== 0 && !c.suspended)!;
    const history = (await service.getCard({ cardId: studied.id })).history;
    expect(history.length).toBeGreaterThan(0);
    expect(history.map((review) => review.at)).toEqual(history.map((review) => review.at).sort((x, y) => x - y));
    expect(history.at(-1)!.due).toBe(studied.due);

    const again = await service.importFile({ path: anki('mauriciopoppe-french-cloze-2026.apkg') });
    expect(again).toMatchObject({ notes: { added: 0, unchanged: 1639 }, cards: { added: 0 }, reviews: { added: 0, unchanged: 3470 } });
    expect(col.notes.size).toBe(1639);
    expect(col.history.activeCount).toBe(3470);
    expect((await service.check({})).ok).toBe(true);
    await service.close();
  });

  it('reads the latest format: zstd collection and media, review history, deck tree', async () => {
    const { service, dataDir } = emptyService();
    const summary = await service.importFile({ path: anki('llmanki-test-deck-anki21b.apkg') });
    expect(summary).toMatchObject({ format: 'anki-latest', notes: { added: 1 }, reviews: { added: 2 }, media: { added: 1 } });
    const [image] = readdirSync(join(dataDir, 'media'));
    expect(image).toMatch(/^paste-[0-9a-f]+\.jpg$/);
    expect(summary.decks).toEqual(['Test deck']);
    // The card refers to the file by the name it was written under.
    const [cardId] = service.store.requireCollection().cards.keys();
    expect((await service.getCard({ cardId: cardId! })).back).toContain(`src="${image}"`);
    await service.close();
  });

  it('updates a changed note in place on re-import, keeping its history (Anki’s update pair, rebuilt)', async () => {
    const clock = new TestClock(T0);
    const { service } = emptyService(clock);
    const folder = tempFolder('update');
    const v1 = join(folder, 'v1.apkg');
    const v2 = join(folder, 'v2.apkg');
    const review = { at: T0 - 86_400_000, rating: 3 as const, durationMs: 5000, intervalDays: 3 };
    writeFileSync(v1, await packageOf([basicNote('anki:abcdef1234', 'hello', 'world', { cards: [card(1, { reviews: [review] })] })]));
    writeFileSync(v2, await packageOf([basicNote('anki:abcdef1234', 'hello', 'world, updated', { cards: [card(1, { reviews: [review] })] })]));
    expect(await service.importFile({ path: v1 })).toMatchObject({ notes: { added: 1 }, reviews: { added: 1 } });
    const cardId = [...service.store.requireCollection().cards.keys()][0]!;
    await service.answer({ cardId, rating: 'good' });
    expect(await service.importFile({ path: v2 })).toMatchObject({ notes: { updated: 1, added: 0 }, reviews: { unchanged: 1, added: 0 } });
    const info = await service.getCard({ cardId });
    expect(Object.values(info.note.fields)).toContain('world, updated');
    expect(info.history).toHaveLength(2);
    await service.close();
  });

  it('never writes a media file outside the media folder, whatever the package names it', async () => {
    const { service, dataDir } = emptyService();
    const folder = tempFolder('evil');
    const path = join(folder, 'evil.apkg');
    // Our writer refuses unsafe names, so the hostile media map is put in by hand.
    const { rezip, json } = await import('../helpers/anki-builder');
    const pkg = await packageOf([basicNote('anki:evil0000001', '<img src="x.png" onerror="alert(1)">', '<script>alert(2)</script>')]);
    writeFileSync(
      path,
      rezip(pkg, (entries) => {
        entries.media = json({ '0': '../../escaped.sh', '1': 'ok.png' });
        entries['0'] = new TextEncoder().encode('#!/bin/sh\necho pwned');
        entries['1'] = new Uint8Array([1, 2, 3]);
      }),
    );
    const summary = await service.importFile({ path });
    // The reader refuses the name before anything is planned, and says so.
    expect(summary.media).toMatchObject({ added: 1 });
    expect(summary.messages.join('\n')).toContain('escaped.sh');
    expect(existsSync(join(dataDir, '..', 'escaped.sh'))).toBe(false);
    expect(existsSync(join(dataDir, 'escaped.sh'))).toBe(false);
    expect(readdirSync(join(dataDir, 'media'))).toEqual(['ok.png']);
    await service.close();
  });
});

describe('importing text and Markdown', () => {
  it('reads an Anki plain-text export with MathJax, and re-importing changes nothing', async () => {
    const { service } = emptyService();
    const path = text('anki-export-mathjax_inwaves-linear-algebra.txt');
    const first = await service.importFile({ path, deckName: 'Linear algebra' });
    expect(first).toMatchObject({ format: 'anki-text', notes: { added: 60 }, decks: ['Linear algebra'] });
    expect(first.preview[0]!.back).toContain('katex');
    expect(await service.importFile({ path, deckName: 'Linear algebra' })).toMatchObject({ notes: { added: 0, unchanged: 60 } });
    await service.close();
  });

  it('shows the columns and takes a column mapping for CSV', async () => {
    const { service } = emptyService();
    const path = join(tempFolder('csv'), 'quizlet.csv');
    writeFileSync(path, 'term,definition,topic\nentropy,"expected surprisal, in bits",info\nKL,"relative entropy, asymmetric",info\n');
    const dry = await service.importFile({ path, dryRun: true });
    expect(dry.columns).toMatchObject({ names: ['term', 'definition', 'topic'], delimiter: ',', hasHeader: true });
    expect(dry.notes.added).toBe(2);
    expect((await service.listDecks({})).decks).toEqual([]);
    const swapped = await service.importFile({ path, mapping: { front: 1, back: 0, tags: 2 } });
    expect(swapped.notes.added).toBe(2);
    const note = [...service.store.requireCollection().notes.values()].find((n) => n.fields.Back === 'entropy')!;
    expect(note.fields.Front).toBe('expected surprisal, in bits');
    expect(note.tags).toEqual(['info']);
    await service.close();
  });

  it('reads Logseq cards and clozes', async () => {
    const { service } = emptyService();
    const cards = await service.importFile({ path: text('logseq-docs_Flashcards.md') });
    expect(cards.format).toBe('logseq');
    expect(cards.notes.added).toBeGreaterThanOrEqual(1);
    const clozes = await service.importFile({ path: text('logseq-docs_Cloze.md') });
    expect(clozes.notes.added).toBe(3);
    await service.close();
  });

  it('names the file and place when a file cannot be read, and imports nothing', async () => {
    const { service } = emptyService();
    const bad = join(tempFolder('bad'), 'broken.apkg');
    writeFileSync(bad, 'PK\u0003\u0004 this is not really a zip');
    await expect(service.importFile({ path: bad })).rejects.toMatchObject({ code: 'parse_error', where: { file: expect.stringContaining('broken.apkg') } });
    const notes = join(tempFolder('bad'), 'notes.md');
    writeFileSync(notes, '# Just some notes\n\nNothing to learn here.\n');
    await expect(service.importFile({ path: notes })).rejects.toThrow(/no flashcards found/);
    expect((await service.listDecks({})).decks).toEqual([]);
    await service.close();
  });
});

describe('an import is all or nothing', () => {
  it('is one journal line: cut short by a crash, none of it is there after reopening', async () => {
    const clock = new TestClock(T0);
    const { service, dataDir } = emptyService(clock);
    await service.importFile({ path: text('anki-export-mathjax_inwaves-linear-algebra.txt') });
    await service.close({ snapshotIfPendingAtLeast: Number.POSITIVE_INFINITY });
    // Cut the journal in the middle of the import's line, as a power cut during the write would.
    const journal = join(dataDir, JOURNAL_FILE);
    truncateSync(journal, Math.floor(statSync(journal).size / 2));
    const reopened = emptyService(clock, dataDir);
    const status = await reopened.service.status({});
    expect(status.warnings[0]).toMatch(/cut short/);
    expect(reopened.service.store.requireCollection().notes.size).toBe(0);
    await reopened.service.close();
  });
});

describe('exporting', () => {
  it('Markdown: a deck exported and imported into an empty folder gives the same notes with the same ids', async () => {
    const { service } = openTestService();
    const out = join(tempFolder('md'), 'sample');
    const summary = await service.exportTo({ format: 'md', path: out });
    // One file per deck that has notes (the parent deck Sample has none of its own).
    expect(summary.paths.map((p) => p.split('/').pop())).toEqual(['sample--basics.md']);
    const original = service.store.requireCollection();
    const fresh = emptyService();
    await fresh.service.importFile({ path: join(out, 'sample--basics.md') });
    const copy = fresh.service.store.requireCollection();
    expect([...copy.notes.keys()].sort()).toEqual([...original.notes.keys()].sort());
    for (const note of original.notes.values()) expect(copy.notes.get(note.id)!.fields).toEqual(note.fields);
    expect([...copy.cards.keys()].sort()).toEqual([...original.cards.keys()].sort());
    await service.close();
    await fresh.service.close();
  });

  it('backup: imported into an empty folder it gives the same schedule, history, presets and media', async () => {
    const clock = new TestClock(T0);
    const { service } = emptyService(clock);
    await service.importFile({ path: anki('llmanki-test-deck-anki21b.apkg') });
    await service.importFile({ path: anki('mauriciopoppe-french-cloze-2026.apkg') });
    const presets = await service.listPresets({});
    await service.savePreset({ ...presets[0]!, desiredRetention: 0.85 });
    // Study a little under the new retention, so schedules come from two parameter settings.
    for (let i = 0; i < 15; i++) {
      const next = await service.nextCard({});
      if (!next.card) break;
      await service.answer({ cardId: next.card.cardId, rating: i % 3 ? 'good' : 'again', durationMs: 2000 });
      clock.advance(5);
    }
    const path = join(tempFolder('backup'), 'all.interleave');
    const summary = await service.exportTo({ format: 'backup', path });
    expect(summary).toMatchObject({ notes: 1640, media: 1 });
    const fresh = emptyService(clock);
    const restored = await fresh.service.importFile({ path });
    expect(restored).toMatchObject({ format: 'interleave-backup', notes: { added: 1640 }, media: { added: 1 } });
    const a = service.store.requireCollection();
    const b = fresh.service.store.requireCollection();
    expect(b.history.activeCount).toBe(a.history.activeCount);
    for (const card of a.cards.values()) {
      const copy = b.cards.get(card.id)!;
      expect({ ...copy }, card.id).toEqual({ ...card });
    }
    expect(b.presets.get('default')?.desiredRetention).toBe(0.85);
    await service.close();
    await fresh.service.close();
  });

  it('Anki package: our own importer reads it back with the same notes, fields and review history', async () => {
    const clock = new TestClock(T0);
    const { service } = openTestService({ clock });
    for (let i = 0; i < 6; i++) {
      const next = await service.nextCard({});
      await service.answer({ cardId: next.card!.cardId, rating: 'good', durationMs: 1000 });
      clock.advance(2);
    }
    const path = join(tempFolder('apkg'), 'sample.apkg');
    const summary = await service.exportTo({ format: 'apkg', path });
    expect(summary).toMatchObject({ notes: 14, cards: 16, reviews: 6 });
    const bundle = await readAnkiPackage(new Uint8Array(readFileSync(path)), 'sample.apkg');
    expect(bundle.notes).toHaveLength(14);
    expect(bundle.notes.flatMap((n) => n.cards).flatMap((c) => c.reviews)).toHaveLength(6);
    const softmax = bundle.notes.find((n) => Object.values(n.fields).some((v) => v.includes('softmax')))!;
    // Formulas travel as MathJax, which Anki renders; cloze markers stay.
    expect(Object.values(softmax.fields).join(' ')).toContain('\\(\\operatorname{softmax}(z)_i = {{c1::\\frac{e^{z_i}}{\\sum_j e^{z_j}}}}\\)');
    const fresh = emptyService();
    expect(await fresh.service.importFile({ path })).toMatchObject({ notes: { added: 14 }, reviews: { added: 6 } });
    await service.close();
    await fresh.service.close();
  });

  it('CSV: Anki’s plain-text columns, read back by our importer', async () => {
    const { service } = openTestService();
    const path = join(tempFolder('csv'), 'sample.csv');
    await service.exportTo({ format: 'csv', path });
    const content = readFileSync(path, 'utf8');
    expect(content.split('\n').slice(0, 3)).toEqual(['#separator:comma', '#html:false', '#guid column:1']);
    const fresh = emptyService();
    expect(await fresh.service.importFile({ path })).toMatchObject({ notes: { added: 14 } });
    await service.close();
    await fresh.service.close();
  });
});
