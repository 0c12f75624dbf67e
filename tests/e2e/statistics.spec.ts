// Statistics that explain themselves: topics by their names and weakest first, every topic reachable, retention's dashes explained, days counted right.
import { expect, test } from '@playwright/test';
import { shot } from './screenshots';
import { startServer, tempDataDir } from './web-server';

test('weak topics by their syllabus names, all reachable; retention explained; "1 day"', async ({ page }, info) => {
  const server = await startServer(tempDataDir());
  try {
    await page.goto(server.url);
    await page.getByTestId('study-all').click();
    await expect(page.getByTestId('question')).toBeVisible();
    await page.keyboard.press('Space');
    await page.keyboard.press('3');
    await page.getByTestId('nav-stats').click();

    await expect(page.getByTestId('chart-heatmap').locator('figcaption')).toContainText('studied on 1 day;');
    await expect(page.getByTestId('retention-note')).toContainText('“–” means no such review yet');

    const topics = page.getByTestId('chart-topics').locator('tbody tr');
    await expect(topics).toHaveCount(15);
    // Names as the syllabus gives them, the tag beneath; no raw tag as the name.
    await expect(page.getByTestId('chart-topics').getByText('Learning setup and empirical risk minimization')).toHaveCount(0);
    const first = await topics.first().locator('td').first().innerText();
    expect(first).not.toMatch(/^topic::/);
    await page.getByTestId('all-topics').click();
    expect(await topics.count()).toBeGreaterThan(100);
    await expect(page.getByTestId('chart-topics').getByText('Learning setup and empirical risk minimization')).toBeVisible();
    await shot(page, info, 'statistics-topics');
  } finally {
    await server.stop();
  }
});

test('card info of an imported card never studied says it is new, with nothing invented', async ({ page }) => {
  const server = await startServer(tempDataDir());
  try {
    await page.goto(server.url);
    await page.getByTestId('nav-import').click();
    await page.getByTestId('file-input').setInputFiles({ name: 'words.csv', mimeType: 'text/csv', buffer: Buffer.from('chat,cat\nchien,dog\n') });
    await page.getByTestId('do-import').click();
    await expect(page.getByTestId('import-summary')).toBeVisible();
    await page.getByTestId('nav-browse').click();
    await page.getByTestId('search-input').fill('chat');
    await page.keyboard.press('Enter');
    await page.getByTestId('browse-rows').locator('[role=row][data-card-id]').first().click();
    await page.getByTestId('tab-info').click();
    await expect(page.getByTestId('info-due')).toHaveText(/^new/);
    await expect(page.getByTestId('info-stability')).toHaveText('–');
  } finally {
    await server.stop();
  }
});
