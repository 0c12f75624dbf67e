// What a script needs from `interleave`: whole JSON through a pipe, queries that start with "-", bad options as bad input, no terminal escapes.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, CLI, CLI_ENV as env, ROOT as root } from '../helpers/cli';
import { openTestService } from '../helpers/service';
import { tempFolder } from '../helpers/temp-folder';

const NOW = '2026-03-02T10:00:00Z';


/**
 * Runs the CLI with its stdout on a pipe that nobody reads until the command has written into it
 * and had a second to finish: what `interleave --json … | slow-consumer` does. Everything written
 * after the pipe's buffer (64 KiB on Linux) filled is lost if the process exits before it drains.
 */
function cliThroughSlowPipe(dataDir: string, ...args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...CLI, '--data', dataDir, ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
    const chunks: Buffer[] = [];
    let code: number | null | undefined;
    let ended = false;
    const done = () => ended && code !== undefined && resolve({ code, out: Buffer.concat(chunks).toString('utf8') });
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stdout.on('end', () => ((ended = true), done()));
    child.stdout.once('data', () => {
      // The command has started writing: stop reading for a while, as a busy reader would.
      child.stdout.pause();
      setTimeout(() => child.stdout.resume(), 1500);
    });
    child.on('error', reject);
    child.on('exit', (status) => ((code = status), done()));
  });
}

/** A collection of 3,000 cards with long questions: its search listing is several hundred kilobytes of JSON. */
async function bigCollection(): Promise<string> {
  const { service, dataDir } = openTestService();
  const file = join(tempFolder('csv'), 'many.csv');
  const rows = Array.from({ length: 3000 }, (_, i) => `"Question ${i}: ${'why does the gradient vanish in deep networks, and what helps? '.repeat(2)}","Answer ${i}"`);
  writeFileSync(file, `front,back\n${rows.join('\n')}\n`);
  await service.importFile({ path: file, deckName: 'Many' });
  await service.close();
  return dataDir;
}

describe('interleave for scripts', { timeout: 180_000 }, () => {
  it('writes --json output of several hundred kilobytes whole through a pipe read slowly', async () => {
    const data = await bigCollection();
    const run = await cliThroughSlowPipe(data, '--json', 'search', 'deck:Many', '--limit', '3000');
    expect(run.code).toBe(0);
    expect(run.out.length).toBeGreaterThan(300 * 1024);
    const parsed = JSON.parse(run.out) as { total: number; shown: number; cards: unknown[] };
    expect(parsed).toMatchObject({ total: 3000, shown: 3000 });
    expect(parsed.cards).toHaveLength(3000);
  });

  it('takes a query that begins with "-" (Anki’s negation) as the query, not as an option', () => {
    const data = tempFolder('cli');
    expect(cli(data, '--now', NOW, 'answer', 's-code/1', 'good').code).toBe(0);
    const notNew = cli(data, '--json', '--now', NOW, 'search', '-is:new');
    expect(notNew.code).toBe(0);
    expect(notNew.json()).toMatchObject({ total: 1, cards: [{ cardId: 's-code/1' }] });
    // Options may still come before or after it, and "--" ends the options for a query like "--x".
    const limited = cli(data, '--json', 'search', '-is:new', '-is:suspended', '--limit', '5', '--now', NOW);
    expect(limited.json()).toMatchObject({ total: 1 });
    expect(cli(data, '--json', 'search', '--', '-is:new').json()).toMatchObject({ total: 1 });
  });

  it('refuses an unknown option as bad input (exit 2) with a usage line, in text and in JSON', () => {
    const data = tempFolder('cli');
    const text = cli(data, 'decks', '--frobnicate');
    expect(text.code).toBe(2);
    expect(text.err).toContain('unknown option --frobnicate');
    expect(text.err).toMatch(/^Usage: interleave /m);
    const json = cli(data, '--json', 'decks', '-x');
    expect(json.code).toBe(2);
    expect(json.json().error).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('unknown option -x') });
    expect(cli(data, '--json', 'frobnicate').json().error.code).toBe('invalid_input');
  });

  it('strips control characters from what it prints for people, and keeps them escaped in JSON', async () => {
    const { service, dataDir } = openTestService();
    const file = join(tempFolder('csv'), 'escapes.csv');
    // Sets the terminal's title, rings the bell, clears the screen; and a C1 control (CSI).
    const hostile = 'Title\u001b]0;pwned\u0007 clear\u001b[2J\u001b[H done\u009b31m';
    writeFileSync(file, `front,back\n"${hostile}","answer"\n`);
    await service.importFile({ path: file, deckName: 'Evil\u001b[31mDeck' });
    await service.close();
    const shown = [cli(dataDir, 'decks'), cli(dataDir, 'search', 'deck:Evil*'), cli(dataDir, '--now', NOW, 'due', '--limit', '100')];
    for (const run of shown) {
      expect(run.code).toBe(0);
      expect(run.out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    }
    expect(shown[1]!.out).toContain('Title]0;pwned clear[2J[H done31m');
    const cardId = cli(dataDir, '--json', 'search', 'deck:Evil*').json().cards[0].cardId as string;
    const card = cli(dataDir, 'show', cardId);
    expect(card.out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    const json = cli(dataDir, '--json', 'show', cardId);
    expect(json.out).toContain('\\u001b]0;pwned\\u0007');
    expect(json.json().note.fields.Front).toBe(hostile);
  });
});
