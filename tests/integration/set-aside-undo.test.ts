// Suspend and bury from the study screen are undoable like answers, and replay to the very same collection.
import { describe, expect, it } from 'vitest';
import { picture, replayJournal } from '../helpers/replay';
import { openTestService, TestClock, T0 } from '../helpers/service';

type Opened = ReturnType<typeof openTestService>;

/** The journal alone, and the folder reopened, both give the collection in use. */
async function expectReplayExact({ service, clock, dataDir }: Opened): Promise<void> {
  const inUse = picture(service.store.requireCollection());
  expect(picture(replayJournal(service))).toEqual(inUse);
  await service.close();
  const reopened = openTestService({ clock, dataDir });
  expect(picture(reopened.service.store.requireCollection())).toEqual(inUse);
  expect(picture(replayJournal(reopened.service))).toEqual(inUse);
  await reopened.service.close();
}

describe('S (suspend) in study', () => {
  it('is taken back by undo, which names what it undid and the card it brought back', async () => {
    const opened = openTestService();
    const { service } = opened;
    const cardId = (await service.nextCard({})).card!.cardId;
    expect(await service.suspend({ cardIds: [cardId] })).toEqual({ changed: 1 });
    expect((await service.getCard({ cardId })).state.suspended).toBe(true);
    expect((await service.status({})).undoDepth).toBe(1);

    expect(await service.undo({})).toEqual({ cardId: null, rating: null, action: 'suspend 1 card', label: 'suspend 1 card', cardIds: [cardId], undoDepth: 0, next: null });
    expect((await service.getCard({ cardId })).state.suspended).toBe(false);
    // The card is studied again: asking for it first gives it.
    expect((await service.nextCard({ prefer: cardId })).card!.cardId).toBe(cardId);
    await expectReplayExact(opened);
  });

  it('of a card already suspended changes nothing and leaves nothing to undo', async () => {
    const { service } = openTestService();
    await service.suspend({ cardIds: ['s-code/1'] });
    expect(await service.suspend({ cardIds: ['s-code/1'] })).toEqual({ changed: 0 });
    expect((await service.status({})).undoDepth).toBe(1);
    await service.close();
  });
});

describe('B (bury) in study', () => {
  it('is taken back by undo, and the card is due again today', async () => {
    const opened = openTestService();
    const { service } = opened;
    const cardId = (await service.nextCard({})).card!.cardId;
    expect(await service.bury({ cardIds: [cardId] })).toEqual({ changed: 1 });
    expect((await service.getCard({ cardId })).state.buried).toBe(true);
    expect((await service.nextCard({})).card!.cardId).not.toBe(cardId);

    expect(await service.undo({})).toMatchObject({ action: 'bury 1 card', cardIds: [cardId] });
    expect((await service.getCard({ cardId })).state.buried).toBe(false);
    expect((await service.nextCard({})).card!.cardId).toBe(cardId);
    await expectReplayExact(opened);
  });
});

describe('answers, suspends and buries share one undo stack', () => {
  it('undo takes them back newest first, each exactly', async () => {
    const opened = openTestService({ clock: new TestClock(T0) });
    const { service, clock } = opened;
    const first = (await service.nextCard({})).card!.cardId;
    const fresh = await service.getCard({ cardId: first });
    await service.answer({ cardId: first, rating: 'good' });
    clock.advance(1);
    const second = (await service.nextCard({})).card!.cardId;
    await service.bury({ cardIds: [second] });
    clock.advance(1);
    await service.suspend({ cardIds: [first] });

    expect((await service.undo({})).action).toBe('suspend 1 card');
    expect((await service.undo({})).action).toBe('bury 1 card');
    const answer = await service.undo({});
    expect(answer).toMatchObject({ cardId: first, rating: 'good', undoDepth: 0 });
    expect(answer.action).toBeUndefined();
    expect((await service.getCard({ cardId: first })).state).toEqual(fresh.state);
    expect((await service.getCard({ cardId: second })).state).toMatchObject({ buried: false, suspended: false });
    await expectReplayExact(opened);
  });
});

describe('journals written before suspend and bury were undoable', () => {
  it('still replay their suspend and bury lines, which stay off the undo stack', async () => {
    const opened = openTestService();
    const { service } = opened;
    await service.answer({ cardId: 's-code/1', rating: 'good' });
    // Lines exactly as older versions wrote them.
    service.store.commit({ type: 'suspend', at: T0, cardIds: ['s-bias-variance/1'], suspended: true });
    service.store.commit({ type: 'bury', at: T0, cardIds: ['s-code/1'], untilDay: 99_999 });
    expect((await service.getCard({ cardId: 's-bias-variance/1' })).state.suspended).toBe(true);
    // Undo skips them, as it always did: it takes back the answer and keeps the suspend and the bury.
    expect((await service.undo({})).cardId).toBe('s-code/1');
    expect((await service.getCard({ cardId: 's-bias-variance/1' })).state.suspended).toBe(true);
    expect((await service.getCard({ cardId: 's-code/1' })).state.buried).toBe(true);
    await expectReplayExact(opened);
  });
});
