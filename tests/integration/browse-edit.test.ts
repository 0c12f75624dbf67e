// Changing many cards at once, and writing notes in the app: every change undoable, every card's history kept.
import { describe, expect, it } from 'vitest';
import { picture, replayJournal } from '../helpers/replay';
import { openTestService, TestClock, T0 } from '../helpers/service';

const ids = ['s-bias-variance/1', 's-code/1', 's-adam-defaults/1', 's-adam-defaults/2'];

describe('bulk changes', () => {
  it('suspend, tag, flag, move and forget many cards, and undo takes each back exactly', async () => {
    const clock = new TestClock(T0);
    const { service } = openTestService({ clock });
    await service.answer({ cardId: 's-code/1', rating: 'good' });
    const before = await Promise.all(ids.map((cardId) => service.getCard({ cardId })));

    expect(await service.bulk({ cardIds: ids, change: { action: 'suspend' } })).toMatchObject({ changed: 4, label: 'suspend 4 cards' });
    expect(await service.bulk({ cardIds: ids, change: { action: 'addTags', tags: ['week1', 'topic::x'] } })).toMatchObject({ label: 'tag 3 notes' });
    expect(await service.bulk({ cardIds: ids, change: { action: 'flag', flag: 3 } })).toMatchObject({ changed: 4 });
    const decks = await service.listDecks({});
    expect(await service.bulk({ cardIds: ids, change: { action: 'move', deckId: decks.decks[0]!.id } })).toMatchObject({ label: 'move 4 cards' });
    expect(await service.bulk({ cardIds: ids, change: { action: 'forget' } })).toMatchObject({ label: 'forget 1 card' });
    const changed = await service.getCard({ cardId: 's-code/1' });
    expect(changed.state).toMatchObject({ kind: 'new', suspended: true, flag: 3 });
    expect(changed.deckId).toBe(decks.decks[0]!.id);
    expect(changed.note.tags).toEqual(expect.arrayContaining(['week1', 'topic::x']));
    expect(changed.history).toHaveLength(1); // forgetting keeps the history

    for (const label of ['forget 1 card', 'move 4 cards', 'flag 4 cards', 'tag 3 notes', 'suspend 4 cards']) {
      expect((await service.undo({})).action).toBe(label);
    }
    const after = await Promise.all(ids.map((cardId) => service.getCard({ cardId })));
    expect(after).toEqual(before);
    await service.close();
  });

  it('undo of a tag change takes back the tags only, and leaves a later edit of the note’s text', async () => {
    const clock = new TestClock(T0);
    const { service } = openTestService({ clock });
    const before = await service.getNote({ noteId: 's-bias-variance' });
    await service.bulk({ cardIds: ['s-bias-variance/1'], change: { action: 'addTags', tags: ['review-later'] } });
    const tagging = service.store.requireCollection().undo.at(-1)!.seq;
    clock.advance(1);
    await service.editNote({ noteId: 's-bias-variance', fields: { Front: 'What does high variance look like on a learning curve? (typo fixed)' } });
    const edited = await service.getNote({ noteId: 's-bias-variance' });
    clock.advance(1);
    // The edit is on the stack above the tags: undoing the tag change by its place leaves the edit.
    expect((await service.undo({ seq: tagging })).action).toBe('tag 1 note');
    expect((await service.status({})).undoLabel).toBe('edit note');
    const after = await service.getNote({ noteId: 's-bias-variance' });
    expect(after.tags).toEqual(before.tags);
    expect(after.fields).toEqual(edited.fields);
    expect(after.modified).toBe(edited.modified);
    expect(picture(replayJournal(service))).toEqual(picture(service.store.requireCollection()));
    await service.close();
  });

  it('forget puts forgotten cards at the end of the new-card order, and a note added later after them', async () => {
    const { service } = openTestService();
    await service.answer({ cardId: 's-code/1', rating: 'good' });
    await service.answer({ cardId: 's-bias-variance/1', rating: 'good' });
    await service.bulk({ cardIds: ['s-code/1', 's-bias-variance/1'], change: { action: 'forget' } });
    const col = service.store.requireCollection();
    const forgotten = ['s-code/1', 's-bias-variance/1'].map((id) => col.cards.get(id)!.position);
    const decks = await service.listDecks({});
    const note = await service.addNote({ deckId: decks.decks[0]!.children[0]!.id, type: 'basic', fields: { Front: 'A new question', Back: 'An answer' } });
    const added = col.cards.get(`${note.id}/1`)!.position;
    expect(added).toBeGreaterThan(Math.max(...forgotten));
    const positions = [...col.cards.values()].map((card) => card.position);
    expect(new Set(positions).size).toBe(positions.length);
    expect(picture(replayJournal(service))).toEqual(picture(col));
    await service.close();
  });

  it('sets a due date across a range of days, spreading cards, and makes new cards reviews', async () => {
    const { service, clock } = openTestService();
    await service.bulk({ cardIds: ids, change: { action: 'setDue', fromDays: 3, toDays: 6 } });
    for (const cardId of ids) {
      const info = await service.getCard({ cardId });
      expect(info.state.kind).toBe('review');
      const days = Math.floor((info.state.due - clock.ms) / 86_400_000);
      expect(days).toBeGreaterThanOrEqual(2);
      expect(days).toBeLessThanOrEqual(6);
    }
    clock.advanceDays(7);
    const due = await service.listDue({});
    expect(due.filter((d) => ids.includes(d.cardId)).length).toBeGreaterThan(0);
    await service.close();
  });

  it('deletes notes with all their cards, and undo brings them back with their history', async () => {
    const { service } = openTestService();
    await service.answer({ cardId: 's-adam-defaults/1', rating: 'easy' });
    expect(await service.bulk({ cardIds: ['s-adam-defaults/1'], change: { action: 'delete' } })).toMatchObject({ label: 'delete 1 note' });
    await expect(service.getCard({ cardId: 's-adam-defaults/2' })).rejects.toMatchObject({ code: 'not_found' });
    await service.undo({});
    expect((await service.getCard({ cardId: 's-adam-defaults/1' })).history).toHaveLength(1);
    expect((await service.getCard({ cardId: 's-adam-defaults/2' })).state.kind).toBe('new');
    expect((await service.check({})).ok).toBe(true);
    await service.close();
  });
});

describe('writing notes in the app', () => {
  it('previews every card with math as you type, warns about an existing question, and adds the note', async () => {
    const { service } = openTestService();
    const preview = await service.previewNote({ type: 'cloze', fields: { Text: 'The softmax of a vector $z$ is {{c1::$\\frac{e^{z_i}}{\\sum_j e^{z_j}}$}} and {{c2::sums to one}}.' } });
    expect(preview.cards.map((card) => card.ord)).toEqual([1, 2]);
    expect(preview.cards[0]!.front).toContain('class="katex');
    expect(preview.problem).toBeNull();
    const duplicate = await service.previewNote({ type: 'basic', fields: { Front: 'What does HIGH variance look like on a learning curve', Back: 'x' } });
    expect(duplicate.duplicates).toEqual([{ noteId: 's-bias-variance', deckName: 'Sample::Basics', question: 'What does high variance look like on a learning curve?' }]);
    const unfinished = await service.previewNote({ type: 'cloze', fields: { Text: 'no deletion yet' } });
    expect(unfinished.problem).toEqual({ field: 'Text', message: expect.stringContaining('at least one deletion') });

    const decks = await service.listDecks({});
    const basics = decks.decks[0]!.children[0]!.id;
    const note = await service.addNote({ deckId: basics, type: 'reverse', fields: { Front: 'Glorot init variance', Back: '$2/(n_{in}+n_{out})$' }, tags: ['topic::init'] });
    expect(note.id).toMatch(/^glorot-init-variance-[0-9a-f]{6}$/);
    expect((await service.getCard({ cardId: `${note.id}/2` })).front).toContain('katex');
    await expect(service.addNote({ deckId: basics, type: 'basic', fields: { Front: 'only a front' } })).rejects.toMatchObject({ code: 'invalid_input', where: { field: 'fields.Back' } });
    expect((await service.listTags({ prefix: 'topic::i' }))[0]).toEqual({ tag: 'topic::init', notes: 1 });
    await service.close();
  });

  it('editing a note keeps its cards’ history', async () => {
    const { service } = openTestService();
    await service.answer({ cardId: 's-two-clozes/1', rating: 'good' });
    await service.editNote({ noteId: 's-two-clozes', fields: { Text: 'For a Bernoulli($p$) variable the mean is {{c1::$p$}}.' } });
    expect((await service.getCard({ cardId: 's-two-clozes/1' })).history).toHaveLength(1);
    await expect(service.getCard({ cardId: 's-two-clozes/2' })).rejects.toMatchObject({ code: 'not_found' });
    const info = await service.getCard({ cardId: 's-two-clozes/1' });
    expect(info.curve.length).toBeGreaterThan(10);
    expect(info.curve[0]).toEqual({ days: 0, retrievability: 1 });
    await service.close();
  });
});
