// The background check of the whole journal: every line's checksum and number, however the file is read.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeLine, verifyJournal } from '../../src/main/store/journal';
import { tempFolder } from '../helpers/temp-folder';

function journalOf(notes: string[]): Buffer {
  return Buffer.from(notes.map((text, i) => encodeLine(i + 1, { type: 'settings', at: i, settings: { note: text } } as never)).join(''), 'utf8');
}

describe('verifying the journal', () => {
  it('finds nothing wrong in a whole journal, whatever the chunk size and however many bytes its characters take', async () => {
    const dir = tempFolder();
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ unit: 'grapheme', maxLength: 30 }), { minLength: 1, maxLength: 20 }), fc.integer({ min: 1, max: 64 }), async (notes, chunk) => {
        const path = join(dir, 'journal.jsonl');
        const bytes = journalOf(notes);
        writeFileSync(path, bytes);
        expect(await verifyJournal(path, bytes.length, chunk)).toBeNull();
      }),
      { numRuns: 60 },
    );
  });

  it('names the line and byte of a changed character, and of a line out of sequence', async () => {
    const path = join(tempFolder(), 'journal.jsonl');
    const bytes = journalOf(['première', 'deuxième', 'troisième']);
    const second = bytes.indexOf(0x0a) + 1;
    const changed = Buffer.from(bytes);
    changed[second + 40] = changed[second + 40] === 0x41 ? 0x42 : 0x41;
    writeFileSync(path, changed);
    expect(await verifyJournal(path, changed.length, 7)).toEqual({ line: 2, byte: second, problem: 'the checksum does not match the line' });

    const lines = bytes.toString('utf8').split('\n');
    writeFileSync(path, [lines[0], lines[2], ''].join('\n'));
    expect(await verifyJournal(path, Buffer.byteLength([lines[0], lines[2], ''].join('\n')), 5)).toMatchObject({ line: 2, problem: 'the sequence number should be 2' });
  });
});
