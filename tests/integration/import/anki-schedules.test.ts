// Anki's schedule survives the move: every card's due date, interval and memory state, compared card by card with the package's own SQLite.
import { fsrs, generatorParameters } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { CardState, type CardRecord } from '../../../src/core/collection/types';
import { fixedOffsetCalendar, studyDay } from '../../../src/core/time/study-day';
import { encodeDeckConfig, encodeDeckKind } from '../../../src/main/import/anki/anki-proto';
import { ankiTruth, sameDigits, type AnkiCardTruth } from '../../helpers/anki-truth';
import { ankiConf, ankiConf18, ankiRevlog, ankiSchedule, asLegacy1, basicNote, editCollection, editLatestCollection, fixture, packageOf } from '../../helpers/anki-builder';
import { openTestService, TestClock } from '../../helpers/service';

const calendar = fixedOffsetCalendar(0, 4);
const DAY = 86_400_000;
const at = (iso: string) => Date.parse(iso);

async function importPackage(pkg: Uint8Array, name: string, now = at('2026-03-30T10:00:00Z')) {
  const { service, clock } = openTestService({ decks: null, clock: new TestClock(now) });
  const summary = await service.importBytes({ name, base64: Buffer.from(pkg).toString('base64') });
  return { service, clock, summary, col: service.store.requireCollection() };
}

/** What differs between Anki's card and ours, or null: state, queue, due day, interval, counts and memory state. */
function difference(truth: AnkiCardTruth, card: CardRecord | undefined): string | null {
  if (!card) return 'missing';
  const state = [CardState.New, CardState.Learning, CardState.Review, CardState.Relearning][truth.type];
  if (card.state !== state) return `state ${card.state}, Anki ${state}`;
  if ((truth.queue === -1) !== card.suspended) return `suspended ${card.suspended}, Anki queue ${truth.queue}`;
  if ((truth.queue === -2 || truth.queue === -3) !== (card.buriedUntilDay !== null)) return `buried ${card.buriedUntilDay}, Anki queue ${truth.queue}`;
  if (truth.type === 0) return null;
  if (truth.dueDate !== null && studyDay(calendar, card.due) !== truth.dueDate) return `due day ${studyDay(calendar, card.due)}, Anki ${truth.dueDate}`;
  if (truth.dueAt !== null && studyDay(calendar, card.due) !== studyDay(calendar, truth.dueAt)) return `due ${new Date(card.due).toISOString()}, Anki ${new Date(truth.dueAt).toISOString()}`;
  if (truth.type !== 1 && card.scheduledDays !== truth.ivl) return `interval ${card.scheduledDays}, Anki ${truth.ivl}`;
  if (card.reps !== truth.reps || card.lapses !== truth.lapses) return `reps/lapses ${card.reps}/${card.lapses}, Anki ${truth.reps}/${truth.lapses}`;
  if (truth.stability !== null && !sameDigits(card.stability, truth.stability)) return `stability ${card.stability}, Anki ${truth.stability}`;
  if (truth.difficulty !== null && !sameDigits(card.difficulty, truth.difficulty)) return `difficulty ${card.difficulty}, Anki ${truth.difficulty}`;
  return null;
}

async function expectAnkisSchedule(pkg: Uint8Array, name: string) {
  const truth = await ankiTruth(pkg);
  const { service, col } = await importPackage(pkg, name);
  const differences = truth.map((card) => [card.cardId, difference(card, col.cards.get(card.cardId))]).filter(([, problem]) => problem !== null);
  expect(differences).toEqual([]);
  // New cards keep Anki's order of introduction.
  const fresh = truth.filter((card) => card.type === 0).sort((a, b) => a.position! - b.position!);
  const positions = fresh.map((card) => col.cards.get(card.cardId)!.position);
  expect(positions).toEqual([...positions].sort((a, b) => a - b));
  await service.close();
  return truth;
}

describe('every card continues where Anki left it, in every package version', () => {
  it('legacy 1 (darigov glossary): all 413 cards new, in Anki’s order', async () => {
    const truth = await expectAnkisSchedule(fixture('darigov-google-ml-glossary.apkg'), 'darigov.apkg');
    expect(truth.filter((card) => card.type === 0)).toHaveLength(413);
  });

  it('legacy 2 (French cloze deck, SM-2 then FSRS history): 461 studied cards keep due day, interval and memory state', async () => {
    const truth = await expectAnkisSchedule(fixture('mauriciopoppe-french-cloze-2026.apkg'), 'french.apkg');
    expect(truth.filter((card) => card.type !== 0)).toHaveLength(461);
    expect(truth.filter((card) => card.stability !== null)).toHaveLength(461);
    expect(truth.filter((card) => card.type === 2 && card.queue === 2)).toHaveLength(408);
    expect(truth.filter((card) => card.queue === 1)).toHaveLength(12);
  });

  it('latest (LLMAnki test deck): its review card is due on Anki’s day with Anki’s interval', async () => {
    const truth = await expectAnkisSchedule(fixture('llmanki-test-deck-anki21b.apkg'), 'llmanki.apkg');
    expect(truth).toEqual([expect.objectContaining({ type: 2, queue: 2, ivl: 3, stability: null })]);
  });
});

/** Notes q1…qN in deck "Home", written by our writer, then given Anki's schedules by SQL. */
async function scheduled(count: number, sql: string): Promise<Uint8Array> {
  const notes = Array.from({ length: count }, (_, i) => basicNote(`id:${i + 1}`, `q${i + 1}`, `a${i + 1}`, { deckName: 'Home' }));
  return editCollection(await packageOf(notes), sql);
}

/** 2026-01-01 04:00 UTC, Anki's day 0 in these packages. */
const CRT = Date.UTC(2026, 0, 1, 4) / 1000;
const learning = (front: string, atIso: string, ease = 3) => ankiRevlog(front, { at: at(atIso), ease, ivl: -600, factor: 0, type: 0 });
const review = (front: string, atIso: string, ivl: number, ease = 3) => ankiRevlog(front, { at: at(atIso), ease, ivl, factor: 2500, type: 1 });

describe('built packages: every queue and due kind', () => {
  it('legacy 1 with the v1 scheduler and no creation offset (as Anki 2.1.x wrote them): review, learning, relearning, suspended, buried, filtered and new cards', async () => {
    const pkg = asLegacy1(
      await scheduled(
        7,
        `UPDATE col SET crt = ${CRT};
        ${ankiConf({ schedVer: 1 })}
        UPDATE col SET conf = json_remove(conf, '$.creationOffset');
        UPDATE col SET decks = json_set(decks, '$."4242"', json('{"id":4242,"name":"Cram","dyn":1,"desc":""}'));
        ${ankiSchedule('q1', { type: 2, queue: 2, due: 88, ivl: 8, factor: 2500, reps: 3 })}
        ${learning('q1', '2026-03-10T09:00:00Z', 2)} ${learning('q1', '2026-03-10T09:10:00Z', 2)} ${review('q1', '2026-03-21T09:00:00Z', 8)}
        ${ankiSchedule('q2', { type: 1, queue: 1, due: at('2026-03-30T09:55:00Z') / 1000, left: 1001, reps: 1 })}
        ${learning('q2', '2026-03-30T09:45:00Z', 2)}
        ${ankiSchedule('q3', { type: 3, queue: -1, due: at('2026-03-29T18:00:00Z') / 1000, ivl: 1, factor: 2300, reps: 5, lapses: 1, left: 1 })}
        ${ankiSchedule('q4', { type: 2, queue: -3, due: 95, ivl: 15, factor: 2500, reps: 4 })}
        ${ankiSchedule('q5', { type: 2, queue: 2, due: -100000, odue: 101, ivl: 20, factor: 2650, reps: 4 })}
        UPDATE cards SET odid = did, did = 4242 WHERE due = -100000;
        ${ankiSchedule('q6', { type: 0, queue: 0, due: 7 })}
        ${ankiSchedule('q7', { type: 0, queue: 0, due: 3 })}`,
      ),
    );
    const truth = await expectAnkisSchedule(pkg, 'v1.apkg');
    expect(truth.map((card) => card.type).sort()).toEqual([0, 0, 1, 2, 2, 2, 3]);
  });

  it('latest, with FSRS memory states in cards.data and a learning card on its second step', async () => {
    const pkg = await latest(`
      UPDATE cards SET type = 2, queue = 2, due = 80, ivl = 30, data = '{"pos":1,"s":31.4159,"d":6.283,"dr":0.85,"decay":0.1542,"lrt":${at('2026-03-01T08:00:00Z') / 1000}}';
      ${secondCard(`type = 1, queue = 1, due = ${at('2026-03-30T10:05:00Z') / 1000}, left = 1, reps = 2, data = '{"s":0.4,"d":7.1,"dr":0.85,"decay":0.1542}'`)}`);
    const truth = await expectAnkisSchedule(pkg, 'latest.apkg');
    expect(truth.filter((card) => card.stability !== null)).toHaveLength(2);
    const { service, col } = await importPackage(pkg, 'latest.apkg');
    const [reviewCard, learningCard] = [...col.cards.values()].sort((a, b) => b.scheduledDays - a.scheduledDays);
    // Anki's steps are 1m and 10m; one step left means the second.
    expect(learningCard).toMatchObject({ state: CardState.Learning, learningSteps: 1, stability: 0.4, difficulty: 7.1, due: at('2026-03-30T10:05:00Z') });
    expect(reviewCard).toMatchObject({ lastReview: at('2026-03-01T08:00:00Z'), decay: 0.1542, desiredRetention: 0.85 });
    await service.close();
  });
});

/** The LLMAnki latest package with `sql` run against its collection (its crt is 2026-01-17, 60 minutes east). */
function latest(sql: string): Promise<Uint8Array> {
  return editLatestCollection(fixture('llmanki-test-deck-anki21b.apkg'), sql);
}

/** SQL adding a second Basic note with one card in "Test deck" with the given card columns. */
function secondCard(columns: string): string {
  return `
    INSERT INTO notes SELECT id + 1, 'second-guid', mid, mod, usn, tags, 'Second' || char(31) || 'back', 'Second', csum, flags, data FROM notes;
    INSERT INTO cards SELECT id + 1, nid + 1, did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses, left, odue, odid, flags, data FROM cards;
    UPDATE cards SET ${columns} WHERE nid = (SELECT max(id) FROM notes);`;
}

/** Weights an optimiser could have given (FSRS-6): not ts-fsrs's defaults. */
const WEIGHTS = [0.4, 1.8, 3.5, 12, 6.2, 0.7, 2.8, 0.005, 1.6, 0.2, 0.9, 1.7, 0.08, 0.3, 1.5, 0.5, 2.2, 0.6, 0.1, 0.05, 0.3];
const hex = (bytes: Uint8Array) => `x'${Buffer.from(bytes).toString('hex')}'`;

/** The memory state ts-fsrs gives those answers with these weights, each a day count after the one before. */
function foldedMemory(weights: number[] | undefined, answers: { at: number; rating: number }[]) {
  const algorithm = fsrs(generatorParameters(weights ? { w: weights } : {}));
  let memory: { stability: number; difficulty: number } | null = null;
  let last = 0;
  for (const answer of answers) {
    const day = studyDay(calendar, answer.at);
    memory = algorithm.next_state(memory, memory ? day - last : 0, answer.rating);
    last = day;
  }
  return memory!;
}

describe('Anki’s FSRS weights and desired retention become the imported deck’s preset', () => {
  it('latest: the deck options’ FSRS-6 weights (protobuf) and the deck’s own desired retention; a card without a memory state gets one from its history with those weights', async () => {
    const config = encodeDeckConfig({ learnSteps: [1, 10], relearnSteps: [10], fsrsParams_6: WEIGHTS, desiredRetention: 0.85, newPerDay: 15, reviewsPerDay: 150, maximumReviewInterval: 3650, leechThreshold: 6 });
    const pkg = await latest(`
      UPDATE deck_config SET config = ${hex(config)} WHERE id = 1;
      UPDATE decks SET kind = ${hex(encodeDeckKind({ normal: { configId: 1, description: '', desiredRetention: 0.8 } }))} WHERE name = 'Test deck';
      ${ankiConf18({ fsrs: true })}`);
    const { service, col, summary } = await importPackage(pkg, 'weights.apkg');
    const deck = [...col.decks.values()].find((d) => d.name === 'Test deck')!;
    const preset = col.presets.get(deck.presetId)!;
    expect(preset).toMatchObject({ name: 'Default (from Anki), 80% retention', desiredRetention: 0.8, learningSteps: ['1m', '10m'], relearningSteps: ['10m'], newPerDay: 15, reviewsPerDay: 150, maximumIntervalDays: 3650, leechThreshold: 6 });
    preset.weights!.forEach((w, i) => expect(sameDigits(w, WEIGHTS[i]!, 6)).toBe(true));
    // The package's one card (SM-2, two answers) gets its memory state from them with Anki's weights.
    const [card] = [...col.cards.values()];
    const answers = [{ at: 1768943105138, rating: 3 }, { at: 1768943107328, rating: 4 }];
    const expected = foldedMemory(preset.weights!, answers);
    expect(card!.stability).toBeCloseTo(expected.stability, 6);
    expect(card!.difficulty).toBeCloseTo(expected.difficulty, 6);
    expect(card!.stability).not.toBeCloseTo(foldedMemory(undefined, answers).stability, 2);
    expect(summary.decks).toEqual(['Test deck']);
    await service.close();
  });

  it('legacy 2: FSRS-5 weights in the deck options’ JSON, filled out to FSRS-6 with FSRS-5’s decay; options without weights leave the default preset', async () => {
    const five = WEIGHTS.slice(0, 19);
    const pkg = await scheduled(2, `
      UPDATE col SET dconf = json_set(dconf, '$."1".fsrsParams5', json('${JSON.stringify(five)}'), '$."1".desiredRetention', 0.87, '$."1".name', 'Languages');
      UPDATE col SET decks = json_set(decks, '$."9001"', json('{"id":9001,"name":"Plain","conf":2,"dyn":0,"desc":""}'));
      UPDATE col SET dconf = json_set(dconf, '$."2"', json('{"id":2,"name":"Plain options","fsrsParams6":[],"fsrsParams5":[],"fsrsWeights":[]}'));
      UPDATE cards SET did = 9001 WHERE nid = (SELECT id FROM notes WHERE sfld = 'q2');`);
    const { service, col } = await importPackage(pkg, 'legacy-weights.apkg');
    const home = [...col.decks.values()].find((d) => d.name === 'Home')!;
    const preset = col.presets.get(home.presetId)!;
    expect(preset).toMatchObject({ name: 'Languages (from Anki)', desiredRetention: 0.87, weights: [...five, 0, 0.5] });
    expect([...col.decks.values()].find((d) => d.name === 'Plain')!.presetId).toBe('default');
    await service.close();
  });
});

describe('what the log says happened to a card', () => {
  const forgotten = `
    ${learning('q1', '2026-02-01T09:00:00Z')} ${review('q1', '2026-02-02T09:00:00Z', 4)}
    ${ankiRevlog('q1', { at: at('2026-02-10T09:00:00Z'), ease: 0, ivl: 0, lastIvl: 4, factor: 0, type: 4 })}
    ${ankiSchedule('q1', { type: 0, queue: 0, due: 12, ivl: 0, factor: 0, reps: 0, lapses: 0 })}`;

  it('a card whose last log entry is a Forget (manual row, no ease) is new, its answers kept as history', async () => {
    const { service, col } = await importPackage(await scheduled(1, `UPDATE col SET crt = ${CRT}; ${forgotten}`), 'forget.apkg');
    const [card] = [...col.cards.values()];
    expect(card).toMatchObject({ state: CardState.New, lastReview: null, reps: 0, stability: 0 });
    expect(col.history.reviewsOf(card!.id).map((r) => r.rating)).toEqual([3, 3]);
    await service.close();
  });

  it('a card learnt again after a Forget takes its memory state from the answers since the Forget only', async () => {
    const pkg = await scheduled(
      1,
      `UPDATE col SET crt = ${CRT}; ${forgotten}
      ${learning('q1', '2026-03-01T09:00:00Z', 1)} ${learning('q1', '2026-03-01T09:10:00Z')} ${review('q1', '2026-03-02T09:00:00Z', 3, 2)}
      ${ankiSchedule('q1', { type: 2, queue: 2, due: 63, ivl: 3, factor: 2350, reps: 3, lapses: 0 })}`,
    );
    const { service, col } = await importPackage(pkg, 'relearnt.apkg');
    const [card] = [...col.cards.values()];
    const since = [at('2026-03-01T09:00:00Z'), at('2026-03-01T09:10:00Z'), at('2026-03-02T09:00:00Z')];
    const expected = foldedMemory(undefined, since.map((time, i) => ({ at: time, rating: [1, 3, 2][i]! })));
    expect(card!.stability).toBeCloseTo(expected.stability, 6);
    expect(card!.difficulty).toBeCloseTo(expected.difficulty, 6);
    expect(studyDay(calendar, card!.due)).toBe(studyDay(calendar, CRT * 1000) + 63);
    await service.close();
  });

  it('"Set due date" moves the due date as it did in Anki; the last review stays the last answer', async () => {
    const pkg = await scheduled(
      1,
      `UPDATE col SET crt = ${CRT};
      ${learning('q1', '2026-03-01T09:00:00Z')} ${review('q1', '2026-03-02T09:00:00Z', 5)}
      ${ankiRevlog('q1', { at: at('2026-03-03T09:00:00Z'), ease: 0, ivl: 40, lastIvl: 5, factor: 2500, type: 4 })}
      ${ankiSchedule('q1', { type: 2, queue: 2, due: 101, ivl: 40, factor: 2500, reps: 2 })}`,
    );
    const { service, col, summary } = await importPackage(pkg, 'set-due.apkg');
    const [card] = [...col.cards.values()];
    expect(studyDay(calendar, card!.due)).toBe(studyDay(calendar, CRT * 1000) + 101);
    expect(card).toMatchObject({ scheduledDays: 40, lastReview: at('2026-03-02T09:00:00Z') });
    expect(summary.messages).toContain(
      "set-due.apkg: 1 log rows without a rating: 1 manual changes (Forget, Set due date); kept out of your history as Anki's optimizer does (the cards' schedules still follow them)",
    );
    await service.close();
  });

  it('the summary counts the log rows left out of the history, by kind', async () => {
    const pkg = await scheduled(
      2,
      `UPDATE col SET crt = ${CRT}; ${forgotten}
      ${ankiRevlog('q2', { at: at('2026-02-01T10:00:00Z'), ease: 0, ivl: 9, factor: 2500, type: 4 })}
      ${ankiRevlog('q2', { at: at('2026-02-02T10:00:00Z'), ease: 0, ivl: 11, factor: 2500, type: 5 })}
      ${ankiRevlog('q2', { at: at('2026-02-03T10:00:00Z'), ease: 3, ivl: 0, factor: 0, type: 3 })}
      ${ankiRevlog('q2', { at: at('2026-02-04T10:00:00Z'), ease: 2, ivl: 0, factor: 0, type: 3 })}
      INSERT INTO revlog VALUES (${at('2026-02-05T09:00:00Z')}, 123456, 0, 3, 1, 0, 2500, 1000, 1);`,
    );
    const { service, summary } = await importPackage(pkg, 'kinds.apkg');
    expect(summary.messages).toEqual([
      "kinds.apkg: 5 log rows without a rating: 2 manual changes (Forget, Set due date), 1 reschedules by FSRS, 2 filtered-deck previews; kept out of your history as Anki's optimizer does (the cards' schedules still follow them)",
      'kinds.apkg: 1 log rows belong to cards the package does not hold; skipped',
    ]);
    expect(summary.reviews.added).toBe(2);
    await service.close();
  });
});

describe('importing a newer export of the same collection', () => {
  /** Four review cards, each answered twice in Anki. */
  const first = `UPDATE col SET crt = ${CRT};
    ${['q1', 'q2', 'q3', 'q4']
      .map((q, i) => `${learning(q, `2026-03-0${i + 1}T0${i + 5}:00:00Z`)} ${review(q, `2026-03-0${i + 2}T0${i + 5}:00:00Z`, 10)}
        ${ankiSchedule(q, { type: 2, queue: 2, due: 60 + i + 10, ivl: 10, factor: 2500, reps: 2 })}`)
      .join('\n')}`;

  it('follows Anki’s latest schedule where the card was not studied here since, and where both changed the newer review wins', async () => {
    const { service, clock, col } = await importPackage(await scheduled(4, first), 'mine.apkg', at('2026-03-20T10:00:00Z'));
    const id = (front: string) => [...col.notes.values()].find((note) => note.fields.Front === front)!.id + '/1';
    // Studied here: q2 and q4 on the 21st, q3 on the 22nd.
    clock.ms = at('2026-03-21T10:00:00Z');
    await service.answer({ cardId: id('q2'), rating: 'good' });
    await service.answer({ cardId: id('q4'), rating: 'good' });
    clock.ms = at('2026-03-22T10:00:00Z');
    await service.answer({ cardId: id('q3'), rating: 'good' });
    const q4Here = { ...col.cards.get(id('q4'))! };
    // Meanwhile in Anki: q1 answered on the 21st, q3 on the 23rd (after the answer here), q4 on the 20th (before it).
    const newer = await scheduled(
      4,
      `${first}
      ${review('q1', '2026-03-21T12:00:00Z', 25)} ${ankiSchedule('q1', { due: 104, ivl: 25, reps: 3 })}
      ${review('q3', '2026-03-23T12:00:00Z', 30, 4)} ${ankiSchedule('q3', { due: 111, ivl: 30, reps: 3 })}
      ${review('q4', '2026-03-20T12:00:00Z', 18, 2)} ${ankiSchedule('q4', { due: 96, ivl: 18, reps: 3 })}`,
    );
    clock.ms = at('2026-03-24T10:00:00Z');
    const summary = await service.importBytes({ name: 'mine.apkg', base64: Buffer.from(newer).toString('base64') });
    expect(summary.schedules).toEqual({ fromFile: 1, studiedHere: 1, newerInFile: 1, newerHere: 1 });
    expect(summary.messages).toContain(
      "Schedules: 1 card(s) not studied here since the last import now follow the file's latest schedule; 1 studied here since keep the schedule from here; 2 studied in both places: the newer review won (1 in the file, 1 here).",
    );
    const day0 = studyDay(calendar, CRT * 1000);
    expect(studyDay(calendar, col.cards.get(id('q1'))!.due)).toBe(day0 + 104);
    expect(studyDay(calendar, col.cards.get(id('q3'))!.due)).toBe(day0 + 111);
    expect(col.cards.get(id('q4'))).toMatchObject({ due: q4Here.due, lastReview: at('2026-03-21T10:00:00Z') });
    // Anki's new answers join the history; nothing is counted twice.
    expect(summary.reviews).toMatchObject({ added: 3, unchanged: 8 });
    expect(col.history.reviewsOf(id('q4')).map((r) => r.at)).toEqual([at('2026-03-04T08:00:00Z'), at('2026-03-05T08:00:00Z'), at('2026-03-20T12:00:00Z'), at('2026-03-21T10:00:00Z')]);
    expect((await service.check({})).ok).toBe(true);
    await service.close();
  });
});
