// The snapshot's layout: one JSON document read head and cards first, notes after, and trusted only when every byte checks out.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CardRecord, NoteRecord } from '../../src/core/collection/types';
import { defaultSettings } from '../../src/core/collection/collection';
import { defaultPreset } from '../../src/core/scheduling/presets';
import { newSchedule } from '../../src/core/scheduling/scheduler';
import { readSnapshot, SNAPSHOT_FORMAT, type SnapshotData } from '../../src/main/store/snapshot-file';
import { readSnapshotHead, serializeSnapshot, serializeSnapshotInSlices } from '../../src/main/store/snapshot-layout';
import { tempFolder } from '../helpers/temp-folder';

function note(i: number, text = `Question ${i}`): NoteRecord {
  return { id: `n${i}`, deckId: 'd1', type: 'basic', fields: { Front: text, Back: `Answer ${i}\nwith a second line` }, tags: ['t'], created: 1, modified: 1, origin: null };
}

function card(i: number): CardRecord {
  // Some ids are not ASCII (cards read as UTF-8), most are (read as plain bytes).
  return { id: i % 1000 === 7 ? `n${i}/é` : `n${i}/1`, noteId: `n${i}`, ord: 1, deckId: 'd1', position: i, suspended: false, buriedUntilDay: null, flag: 0, created: 1, ...newSchedule(1000 + i) };
}

function snapshot(notes: number, cards = notes, text?: (i: number) => string): SnapshotData {
  return {
    format: SNAPSHOT_FORMAT,
    savedAt: 5,
    journal: { seq: 7, offset: 1234 },
    historyTag: 'abc',
    recent: { from: 3, reviews: [[6, 'n1/1', 4, 3, 0, 1500, 2.5, 5, 1, 90_000]] },
    collection: {
      decks: [{ id: 'd1', name: 'Déck “one”', presetId: 'default', description: '', created: 1 }],
      notes: Array.from({ length: notes }, (_, i) => note(i, text?.(i))),
      cards: Array.from({ length: cards }, (_, i) => card(i)),
      presets: [defaultPreset()],
      noteTypes: [],
      settings: defaultSettings(),
      undo: [],
      nextPosition: cards,
      builtins: {},
      plans: [],
      projects: [],
    },
  };
}

function written(data: SnapshotData): string {
  const path = join(tempFolder(), 'snapshot.json');
  writeFileSync(path, Buffer.concat(serializeSnapshot(data)));
  return path;
}

describe('a snapshot written in the layout', () => {
  it('is the same bytes when encoded in slices, with other work let in between them, and nothing when the collection moves on', async () => {
    const data = snapshot(2500, 2600);
    // Work queued beside the encoding runs between its slices.
    let turns = 0;
    let ticking = true;
    const tick = () => {
      turns++;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const sliced = await serializeSnapshotInSlices(data, () => false);
    ticking = false;
    const during = turns;
    expect(Buffer.concat(sliced!).equals(Buffer.concat(serializeSnapshot(data)))).toBe(true);
    expect(during).toBeGreaterThan(1);
    let asked = 0;
    expect(await serializeSnapshotInSlices(data, () => ++asked > 2)).toBeNull();
    expect(asked).toBe(3);
  });

  it('is still one JSON document holding the same data, so anything that reads it as JSON reads the same', () => {
    const data = snapshot(3);
    const parsed = JSON.parse(Buffer.concat(serializeSnapshot(data)).toString()) as SnapshotData;
    const { headBytes, layout, ...rest } = parsed;
    expect(rest).toEqual(data);
    expect(headBytes).toBeGreaterThan(0);
    expect(layout!.noteIds).toEqual(['n0', 'n1', 'n2']);
    expect(readSnapshot(written(data))).toEqual({ kind: 'ok', data: parsed });
  });

  it('is encoded a slice of records at a time, the same document, also when a note holds what separates records', () => {
    const data = snapshot(2500, 2500, (i) => (i === 1500 ? 'odd },{"id": inside' : `Question ${i}`));
    const pieces = serializeSnapshot(data);
    // The cards and the notes in slices, not each as one piece of the whole collection's size.
    expect(pieces.length).toBeGreaterThanOrEqual(1 + 3 + 1 + 3 + 1);
    const parsed = JSON.parse(Buffer.concat(pieces).toString()) as SnapshotData;
    const { headBytes: _, layout: _layout, ...rest } = parsed;
    expect(rest).toEqual(data);
    const head = readSnapshotHead(written(data));
    expect(head).not.toBeNull();
    expect(head!.data.collection.cards).toEqual(data.collection.cards);
    head!.body.close();
  });

  it('is read head and cards first, its notes a stretch at a time after, each the same as in the document', () => {
    // Long fields and non-ASCII text: the cards span several pieces of the reader, the notes many slices.
    const data = snapshot(6000, 6000, (i) => `Frage ${i}: ${'ü∑'.repeat(i % 50)} ${'x'.repeat(200)}`);
    const head = readSnapshotHead(written(data))!;
    expect(head).not.toBeNull();
    expect(head.data.collection.cards).toEqual(data.collection.cards);
    expect(head.data.collection.notes).toEqual([]);
    expect(head.data.collection.decks).toEqual(data.collection.decks);
    expect(head.recent).toEqual(data.recent);
    expect(head.body.count).toBe(6000);
    expect([...head.body.read(0, 2500), ...head.body.read(2500, 6000)]).toEqual(data.collection.notes);
    expect(head.body.read(4321, 4322)).toEqual([data.collection.notes[4321]]);
    expect(head.body.lineOfNote('n4321')).toBe(4321);
    expect(head.body.lineOfNote('nowhere')).toBe(-1);
    head.body.close();
  });

  it('with no notes or no cards reads the same way', () => {
    for (const data of [snapshot(0, 0), snapshot(2, 0), snapshot(0, 2)]) {
      const head = readSnapshotHead(written(data))!;
      expect(head.data.collection.cards).toEqual(data.collection.cards);
      expect(head.body.read(0, head.body.count)).toEqual(data.collection.notes);
      head.body.close();
    }
  });

  it('is not trusted when any byte of it changed, when it is cut short, or when it is not in the layout: it is then read whole', () => {
    const path = written(snapshot(50));
    const bytes = readFileSync(path);
    const at = bytes.lastIndexOf('Answer 40');
    // A letter inside a note: still valid JSON, but not what was written.
    const changed = Buffer.from(bytes);
    changed[at] = 'a'.charCodeAt(0);
    writeFileSync(path, changed);
    expect(readSnapshotHead(path)).toBeNull();
    expect(readSnapshot(path).kind).toBe('ok');
    // A card's line broken: its stretch of lines is no JSON array any more.
    const broken = Buffer.from(bytes);
    broken[broken.indexOf('{"id":"n3/1"')] = 'x'.charCodeAt(0);
    writeFileSync(path, broken);
    expect(readSnapshotHead(path)).toBeNull();
    expect(readSnapshot(path).kind).toBe('damaged');
    writeFileSync(path, bytes.subarray(0, bytes.length - 10));
    expect(readSnapshotHead(path)).toBeNull();
    // As snapshots were written before the layout: one line of JSON.
    writeFileSync(path, JSON.stringify(snapshot(50)));
    expect(readSnapshotHead(path)).toBeNull();
    expect(readSnapshotHead(join(tempFolder(), 'missing.json'))).toBeNull();
  });

  it('gives no note from lines that changed after it was checked', () => {
    const path = written(snapshot(20));
    const head = readSnapshotHead(path)!;
    const bytes = readFileSync(path);
    const at = bytes.lastIndexOf('"n12"');
    writeFileSync(path, Buffer.concat([bytes.subarray(0, at), Buffer.from('"m12"'), bytes.subarray(at + 5)]));
    expect(() => head.body.read(10, 15)).toThrow(/does not hold note n12/);
    head.body.close();
  });
});
