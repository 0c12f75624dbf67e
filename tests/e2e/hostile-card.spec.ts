// A deck written to attack the learner: its cards cannot cover the window, link into the app or run anything.
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startServer, tempDataDir } from './web-server';

const FIXTURES = join(import.meta.dirname, '../fixtures');

const OVERLAY = '<div class="overlay" style="position:fixed;inset:0;z-index:9999;background:red">Session expired: click to sign in</div>';
const SVG_LINK = '<svg width="40" height="40"><a href="#/import?file=00000000000000000000000000000000&amp;name=x"><rect width="40" height="40"/></a></svg>';

test('a card cannot paint over the window, link into the app, or run a script', async ({ page }) => {
  const server = await startServer(tempDataDir(), { INTERLEAVE_DECKS: join(FIXTURES, 'decks') });
  try {
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(server.url);
    await page.getByTestId('nav-import').click();
    const row = `"hostile ${OVERLAY} ${SVG_LINK} <img src=x onerror=alert(1)>","back"\n`;
    await page.getByTestId('file-input').setInputFiles({ name: 'hostile.csv', mimeType: 'text/csv', buffer: Buffer.from(row) });
    await page.getByTestId('do-import').click();
    await page.getByTestId('import-summary').getByRole('button', { name: /Study/ }).click();
    await expect(page.getByTestId('question')).toContainText('hostile');

    // The would-be overlay stays inside the card instead of covering the window.
    const overlay = await page.locator('[data-testid=question] .overlay').boundingBox();
    const face = await page.getByTestId('question').boundingBox();
    const viewport = page.viewportSize()!;
    expect(overlay!.width * overlay!.height).toBeLessThan(viewport.width * viewport.height * 0.5);
    expect(overlay!.x).toBeGreaterThanOrEqual(face!.x - 1);
    expect(overlay!.y).toBeGreaterThanOrEqual(face!.y - 1);

    // The SVG link lost its target: clicking it leaves the learner where they are.
    await expect(page.locator('[data-testid=question] svg a')).not.toHaveAttribute('href', /.*/);
    await page.locator('[data-testid=question] svg rect').click({ force: true });
    expect(new URL(page.url()).hash).toMatch(/^#\/study/);
    expect(dialogs).toEqual([]);
  } finally {
    await server.stop();
  }
});
