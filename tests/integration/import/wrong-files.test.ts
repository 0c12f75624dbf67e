// Files that are not what their name says: recognised where possible, else refused with what they look like.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../../src/core/import/bundle';
import { readImportFile } from '../../../src/main/import/read-import-file';
import { SAMPLE_DECKS } from '../../helpers/service';
import { tempFolder } from '../../helpers/temp-folder';

const root = join(import.meta.dirname, '../../..');
const text = (value: string) => new TextEncoder().encode(value);
const failure = (name: string, bytes: Uint8Array) => readImportFile(name, bytes).then(
  () => null,
  (error: unknown) => error as ImportError,
);

describe('a file whose name does not match its content', () => {
  it('a CSV named .apkg is "not an Anki package (it looks like CSV text)", not a damaged one', async () => {
    const error = await failure('deck.apkg', text('front,back\nWhat is SGD?,Stochastic gradient descent\nWhat is Adam?,An optimiser\n'));
    expect(error).toBeInstanceOf(ImportError);
    expect(error!.message).toBe('deck.apkg is not an Anki package (it looks like CSV text); an Anki package is a zip file. To import the text, name it deck.csv.');
  });

  it('says so for Markdown, tab-separated text and a bare collection too', async () => {
    expect((await failure('deck.colpkg', text('# Notes\n\nSome *Markdown* text.\n')))!.message).toContain('is not an Anki package (it looks like Markdown text)');
    expect((await failure('deck.apkg', text('q1\ta1\nq2\ta2\n')))!.message).toContain('is not an Anki package (it looks like tab-separated text)');
    const sqlite = new Uint8Array(128);
    sqlite.set(text('SQLite format 3\0'));
    expect((await failure('collection.apkg', sqlite))!.message).toContain('is not an Anki package (it looks like a bare SQLite database');
    const cut = new Uint8Array([0x50, 0x4b, 0x03]);
    expect((await failure('cut.apkg', cut))!.message).toContain('the file may be damaged or incomplete');
  });

  it('Markdown flashcards named .csv are recognised and read as Markdown, saying so', async () => {
    const obsidian = await readImportFile('vault.csv', text('#flashcards\n\nWhat is a gradient?::The vector of partial derivatives\nWhat is SGD?::Stochastic gradient descent\n'));
    expect(obsidian.format).toBe('obsidian');
    expect(obsidian.notes).toHaveLength(2);
    expect(obsidian.notices).toEqual(['vault.csv holds Obsidian flashcards (Markdown), not delimited text: it was read as Markdown']);
    const native = await readImportFile('sample.txt', readFileSync(join(SAMPLE_DECKS, 'sample.md')));
    expect(native.format).toBe('interleave-markdown');
    const logseq = await readImportFile('page.tsv', readFileSync(join(root, 'tests/fixtures/text/logseq-docs_Flashcards.md')));
    expect(logseq.format).toBe('logseq');
  });

  it('a CSV with Anki-style "::" tags stays a CSV', async () => {
    const bundle = await readImportFile('tagged.csv', text('q1,a1,ml::basics\nq2,a2,ml::basics\n'));
    expect(bundle.format).not.toBe('obsidian');
    expect(bundle.notes).toHaveLength(2);
  });

  it('refuses a text file named .pdf, and any other kind it does not read, saying what it reads', async () => {
    const error = await failure('notes.pdf', text('just some notes\nabout things\n'));
    expect(error!.message).toBe(
      'notes.pdf: Interleave does not import .pdf files. It reads Anki packages (.apkg, .colpkg), Interleave backups (.interleave), CSV, TSV and Anki text (.csv, .tsv, .txt) and Markdown (.md). This one holds text: if it is flashcards, give it one of those names.',
    );
    expect((await failure('scan.txt', text('%PDF-1.7\n%âãÏÓ\n')))!.message).toBe('scan.txt is a PDF document, not text; Interleave cannot read flashcards from PDFs.');
  });
});

describe('the CLI leaves no data folder behind when it imports nothing', () => {
  function cli(dataDir: string, ...args: string[]) {
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/main/cli/main.ts'), '--data', dataDir, ...args], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, INTERLEAVE_DECKS: SAMPLE_DECKS, TZ: 'UTC' },
    });
    return { code: run.status, out: run.stdout, err: run.stderr };
  }

  it('a dry run reports what it would import and creates nothing; a failed import creates nothing; a real one creates the folder', () => {
    const parent = tempFolder('cli-wrong');
    const data = join(parent, 'not-yet');
    const good = join(parent, 'deck.csv');
    writeFileSync(good, 'q1,a1\nq2,a2\n');
    const bad = join(parent, 'deck.apkg');
    writeFileSync(bad, 'front,back\nq1,a1\n');

    const dry = cli(data, 'import', good, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('Would import');
    expect(dry.out).toContain('2 added');
    expect(existsSync(data)).toBe(false);

    const failed = cli(data, 'import', bad);
    expect(failed.code).toBe(2);
    expect(failed.err).toContain('is not an Anki package (it looks like CSV text)');
    expect(existsSync(data)).toBe(false);

    expect(cli(data, 'import', good).code).toBe(0);
    expect(existsSync(join(data, 'journal.jsonl'))).toBe(true);
    // Each run starts a process: slow on a busy machine.
  }, 180_000);
});

describe('search --limit', () => {
  it('says when it cut the list, and lists past 1,000 when asked to', () => {
    const data = tempFolder('cli-search');
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/main/cli/main.ts'), '--data', data, ...args], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, INTERLEAVE_DECKS: SAMPLE_DECKS, TZ: 'UTC' },
      });
    const rows = Array.from({ length: 1205 }, (_, i) => `quokka ${i},answer ${i}`).join('\n');
    const file = join(data, '..', `many-${Date.now()}.csv`);
    writeFileSync(file, rows);
    expect(run('import', file).status).toBe(0);

    const cut = run('search', 'quokka', '--limit', '5');
    expect(cut.stdout.trim().split('\n').at(-1)).toBe('Showing 5 of 1205 cards (--limit 5); use --limit 1205 to see them all.');
    const json = JSON.parse(run('--json', 'search', 'quokka').stdout) as { total: number; shown: number; truncated: boolean; cards: unknown[] };
    expect(json).toMatchObject({ total: 1205, shown: 1000, truncated: true });
    expect(json.cards).toHaveLength(1000);
    const all = JSON.parse(run('--json', 'search', 'quokka', '--limit', '2000').stdout) as { cards: unknown[]; truncated: boolean };
    expect(all.cards).toHaveLength(1205);
    expect(all.truncated).toBe(false);
    expect(run('search', 'quokka', '--limit', '2000').stdout.trim().split('\n').at(-1)).toBe('1205 card(s)');
  }, 180_000);
});
