// Undo takes back whatever the learner did last (answers, edits, imports, deck changes), newest first, naming it, and replays exactly.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { picture, replayJournal } from '../helpers/replay';
import { openTestService, T0 } from '../helpers/service';
import { tempFolder } from '../helpers/temp-folder';

type Opened = ReturnType<typeof openTestService>;

/** The journal alone, a full check, and the folder reopened all give the collection in use. */
async function expectReplayExact({ service, clock, dataDir }: Opened): Promise<void> {
  const inUse = picture(service.store.requireCollection());
  expect(picture(replayJournal(service))).toEqual(inUse);
  expect((await service.check({})).ok).toBe(true);
  await service.close();
  const reopened = openTestService({ clock, dataDir });
  expect(picture(reopened.service.store.requireCollection())).toEqual(inUse);
  await reopened.service.close();
}

const deckNamed = async (service: Opened['service'], name: string) => {
  const flat = (nodes: Awaited<ReturnType<typeof service.listDecks>>['decks']): typeof nodes => nodes.flatMap((node) => [node, ...flat(node.children)]);
  return flat((await service.listDecks({})).decks).find((deck) => deck.name === name);
};

describe('one undo stack for every change, newest first', () => {
  it('takes back a flag, a note edit and an answer in reverse order, naming each', async () => {
    const opened = openTestService();
    const { service, clock } = opened;
    const before = await service.getNote({ noteId: 's-bias-variance' });
    await service.answer({ cardId: 's-code/1', rating: 'good' });
    clock.advance(1);
    await service.editNote({ noteId: 's-bias-variance', fields: { Front: 'Edited front' }, tags: ['mine'] });
    clock.advance(1);
    await service.bulk({ cardIds: ['s-bias-variance/1'], change: { action: 'flag', flag: 2 } });
    expect((await service.status({})).undoLabel).toBe('flag 1 card');

    expect(await service.undo({})).toMatchObject({ label: 'flag 1 card', next: 'edit note' });
    expect(await service.undo({})).toMatchObject({ label: 'edit note', next: 'answer “Good”' });
    const restored = await service.getNote({ noteId: 's-bias-variance' });
    expect(restored.fields).toEqual(before.fields);
    expect(restored.tags).toEqual(before.tags);
    expect(restored.modified).toBe(before.modified);
    expect(await service.undo({})).toMatchObject({ cardId: 's-code/1', label: 'answer “Good”', next: null });
    await expectReplayExact(opened);
  });

  it('an edit that removed a cloze card brings the card back with its history', async () => {
    const opened = openTestService();
    const { service } = opened;
    const note = await service.getNote({ noteId: 's-softmax-definition' });
    await service.answer({ cardId: 's-softmax-definition/1', rating: 'good' });
    await service.editNote({ noteId: 's-softmax-definition', fields: { Text: 'Now {{c2::only a second}} deletion.' } });
    await expect(service.getCard({ cardId: 's-softmax-definition/1' })).rejects.toThrow(/No card/);
    await service.undo({});
    expect((await service.getNote({ noteId: 's-softmax-definition' })).fields).toEqual(note.fields);
    expect((await service.getCard({ cardId: 's-softmax-definition/1' })).history).toHaveLength(1);
    await expect(service.getCard({ cardId: 's-softmax-definition/2' })).rejects.toThrow(/No card/);
    await expectReplayExact(opened);
  });
});

describe('an import', () => {
  it('is removed from its summary even after studying it: what it added goes, with the deck it made', async () => {
    const opened = openTestService();
    const { service } = opened;
    const file = join(tempFolder(), 'words.csv');
    writeFileSync(file, 'chat,cat\nchien,dog\n');
    const first = await service.importFile({ path: file, deckName: 'French' });
    expect(first.undoSeq).toBeGreaterThan(0);
    expect((await service.status({})).undoLabel).toBe('import words.csv');
    const french = await deckNamed(service, 'French');
    expect(french?.counts.total).toBe(2);
    // Studied after the import, then the import is removed from its summary: not the last change.
    const card = (await service.nextCard({ deckId: french!.id })).card!;
    await service.answer({ cardId: card.cardId, rating: 'good' });
    expect(await service.undo({ seq: first.undoSeq! })).toMatchObject({ label: 'import words.csv' });
    expect(await deckNamed(service, 'French')).toBeUndefined();
    expect((await service.search({ query: 'chat' })).total).toBe(0);
    await expectReplayExact(opened);
  });

  it('with review history: undo takes its reviews out of the history and the statistics', async () => {
    const opened = openTestService();
    const { service } = opened;
    const reviewsBefore = (await service.stats({})).today.cardsStudied;
    const apkg = join(import.meta.dirname, '../fixtures/anki/llmanki-test-deck-anki21b.apkg');
    const summary = await service.importFile({ path: apkg });
    expect(summary.reviews.added).toBeGreaterThan(0);
    const col = service.store.requireCollection();
    expect(col.history.activeCount).toBe(summary.reviews.added);
    await service.undo({});
    expect(col.history.activeCount).toBe(0);
    expect((await service.stats({})).today.cardsStudied).toBe(reviewsBefore);
    await expectReplayExact(opened);
  });

  it('cannot be undone by a number that is not on the stack', async () => {
    const { service } = openTestService();
    await expect(service.undo({ seq: 99_999 })).rejects.toThrow(/can no longer be undone/);
    await service.close();
  });
});

describe('deck changes', () => {
  it('create, rename with the decks below, move under another deck, and undo each in turn', async () => {
    const opened = openTestService();
    const { service } = opened;
    const created = await service.changeDeck({ change: { action: 'create', name: ' Interview :: Systems ' } });
    expect(created).toMatchObject({ changed: true, label: 'create deck Interview::Systems' });
    expect((await deckNamed(service, 'Interview'))?.children.map((d) => d.name)).toEqual(['Interview::Systems']);
    await expect(service.changeDeck({ change: { action: 'create', name: 'Interview' } })).rejects.toThrow('There is already a deck named “Interview”.');
    await expect(service.changeDeck({ change: { action: 'create', name: 'A:: ::B' } })).rejects.toThrow(/empty level/);

    const sample = (await deckNamed(service, 'Sample'))!;
    const sampleCards = sample.counts.total;
    await service.changeDeck({ change: { action: 'rename', deckId: sample.id, name: 'Practice' } });
    expect((await deckNamed(service, 'Practice::Basics'))?.counts.total).toBe(sampleCards);
    await service.changeDeck({ change: { action: 'move', deckId: sample.id, parentId: created.deckId } });
    expect((await deckNamed(service, 'Interview::Systems::Practice::Basics'))?.counts.total).toBe(sampleCards);
    await expect(service.changeDeck({ change: { action: 'move', deckId: (await deckNamed(service, 'Interview'))!.id, parentId: sample.id } })).rejects.toThrow(
      /cannot go inside itself/,
    );
    // Cards follow their deck by id: studying the renamed deck still finds them.
    expect((await service.search({ query: 'deck:"Interview::Systems::Practice"' })).total).toBe(sampleCards);

    expect(await service.undo({})).toMatchObject({ label: 'move Practice to Interview::Systems' });
    expect(await service.undo({})).toMatchObject({ label: 'rename Sample to Practice' });
    expect((await deckNamed(service, 'Sample::Basics'))?.counts.total).toBe(sampleCards);
    expect(await service.undo({})).toMatchObject({ label: 'create deck Interview::Systems' });
    expect(await deckNamed(service, 'Interview')).toBeUndefined();
    await expectReplayExact(opened);
  });

  it('delete says what goes first, takes cards and notes, and undo brings back all of it with its history', async () => {
    const opened = openTestService();
    const { service } = opened;
    const basics = (await deckNamed(service, 'Sample::Basics'))!;
    await service.answer({ cardId: 's-code/1', rating: 'good' });
    await service.answer({ cardId: 's-bias-variance/1', rating: 'again' });
    const sample = (await deckNamed(service, 'Sample'))!;
    const notes = new Set([...service.store.requireCollection().notes.values()].map((note) => note.id));
    expect(await service.deckDeletion({ deckId: sample.id })).toEqual({ name: 'Sample', decks: 2, cards: basics.counts.total, notes: notes.size, reviews: 2 });
    expect(await service.changeDeck({ change: { action: 'delete', deckId: sample.id } })).toMatchObject({ label: `delete Sample (${basics.counts.total} cards)` });
    expect((await service.listDecks({})).decks).toEqual([]);
    expect((await service.stats({})).cards.total).toBe(0);
    await service.undo({});
    expect((await deckNamed(service, 'Sample::Basics'))?.counts.total).toBe(basics.counts.total);
    expect((await service.getCard({ cardId: 's-code/1' })).history).toHaveLength(1);
    await expectReplayExact(opened);
  });

  it('a deck emptied by hand can be deleted', async () => {
    const { service } = openTestService();
    const made = await service.changeDeck({ change: { action: 'create', name: 'Scratch' } });
    await service.bulk({ cardIds: ['s-code/1'], change: { action: 'move', deckId: made.deckId } });
    await service.bulk({ cardIds: ['s-code/1'], change: { action: 'move', deckId: 'sample--basics' } });
    expect((await deckNamed(service, 'Scratch'))?.counts.total).toBe(0);
    await service.changeDeck({ change: { action: 'delete', deckId: made.deckId } });
    expect(await deckNamed(service, 'Scratch')).toBeUndefined();
    await service.close();
  });

  it('own daily limits and preset, undoable; the queue follows the deck’s limit', async () => {
    const opened = openTestService();
    const { service } = opened;
    const basics = (await deckNamed(service, 'Sample::Basics'))!;
    expect(basics.counts.new).toBeGreaterThan(2);
    await service.changeDeck({ change: { action: 'options', deckId: basics.id, newPerDay: 2 } });
    expect(await deckNamed(service, 'Sample::Basics')).toMatchObject({ newPerDay: 2, counts: { new: 2 } });
    await service.savePreset({ ...(await service.listPresets({}))[0]!, id: 'light', name: 'Light' });
    await service.setDeckPreset({ deckId: basics.id, presetId: 'light' });
    expect(await service.undo({})).toMatchObject({ label: 'change the preset of Sample::Basics' });
    expect((await deckNamed(service, 'Sample::Basics'))?.presetId).toBe('default');
    await service.changeDeck({ change: { action: 'options', deckId: basics.id, newPerDay: null } });
    expect((await deckNamed(service, 'Sample::Basics'))?.counts.new).toBe(basics.counts.new);
    await expectReplayExact(opened);
  });

  it('unbury brings back the cards buried in the deck, and undo buries them again', async () => {
    const opened = openTestService();
    const { service } = opened;
    await service.bury({ cardIds: ['s-code/1', 's-bias-variance/1'] });
    const sample = (await deckNamed(service, 'Sample'))!;
    expect(sample.buried).toBe(2);
    expect(await service.changeDeck({ change: { action: 'unbury', deckId: sample.id } })).toMatchObject({ label: 'unbury 2 cards in Sample' });
    expect((await deckNamed(service, 'Sample'))?.buried).toBe(0);
    await service.undo({});
    expect((await deckNamed(service, 'Sample'))?.buried).toBe(2);
    await expectReplayExact(opened);
  });
});

describe('journals written before edits and imports were undoable', () => {
  it('replay their lines off the stack', async () => {
    const opened = openTestService();
    const { service } = opened;
    await service.answer({ cardId: 's-code/1', rating: 'good' });
    service.store.commit({ type: 'note-edit', at: T0, noteId: 's-bias-variance', fields: { Front: 'old-style edit', Back: 'b' }, tags: [], addedCards: [], removedCards: [] });
    expect((await service.status({})).undoLabel).toBe('answer “Good”');
    await expectReplayExact(opened);
  });
});
