// The background check of the whole journal: every line's checksum and number, however the file is read.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import CRC32 from 'crc-32';
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

  it('gives the verdict of each line read whole, for journals with bytes changed, tabs put in and checksums cut, whatever the chunk size', async () => {
    const dir = tempFolder();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ unit: 'grapheme', maxLength: 30 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(0x09, 0x0a, 0x41, 0x7b, 0x30, 0xc3, 0x80)), { maxLength: 3 }),
        fc.integer({ min: 1, max: 48 }),
        async (notes, changes, chunk) => {
          const bytes = journalOf(notes);
          for (const [at, value] of changes) bytes[at % bytes.length] = value;
          const path = join(dir, 'journal.jsonl');
          writeFileSync(path, bytes);
          expect(await verifyJournal(path, bytes.length, chunk)).toEqual(verdictLineByLine(bytes));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('checks a line of many chunks (an install of thousands of notes) without putting it together', async () => {
    const path = join(tempFolder(), 'journal.jsonl');
    const bytes = journalOf(['x'.repeat(200_000), 'short', 'y'.repeat(50_000)]);
    writeFileSync(path, bytes);
    const concat = vi.spyOn(Buffer, 'concat');
    try {
      expect(await verifyJournal(path, bytes.length, 4096)).toBeNull();
      expect(concat).not.toHaveBeenCalled();
    } finally {
      concat.mockRestore();
    }
  });
});

/** The check as it reads a whole line: decoded, split at the last tab, its checksum taken over the text. */
function verdictLineByLine(bytes: Buffer): { line: number; byte: number; problem: string } | null {
  let byte = 0;
  let line = 1;
  for (let newline = bytes.indexOf(0x0a); newline >= 0; newline = bytes.indexOf(0x0a, byte)) {
    const row = bytes.toString('utf8', byte, newline);
    const tab = row.lastIndexOf('\t');
    const json = tab < 0 ? '' : row.slice(0, tab);
    const seq = /^\{"seq":(\d+),/.exec(json);
    const problem =
      tab < 0 ? 'the line has no checksum'
      : (CRC32.str(json) >>> 0).toString(16).padStart(8, '0') !== row.slice(tab + 1) ? 'the checksum does not match the line'
      : !seq || Number(seq[1]) !== line ? `the sequence number should be ${line}`
      : null;
    if (problem) return { line, byte, problem };
    line++;
    byte = newline + 1;
  }
  return null;
}
