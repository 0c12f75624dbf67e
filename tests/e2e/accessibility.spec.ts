// Every screen, in both themes, passes an axe-core scan with no critical or serious violation.
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { scan, violationLines } from './axe';
import { shot } from './screenshots';
import { startServer, tempDataDir, type RunningServer } from './web-server';

const FIXTURE_DECKS = { INTERLEAVE_DECKS: join(import.meta.dirname, '../fixtures/decks') };

/**
 * The screens to scan, each reached from the deck list as a learner would. A new screen is one more
 * entry: its name, and the steps that bring it up and wait until it is drawn.
 */
const SCREENS: { name: string; open: (page: Page) => Promise<void> }[] = [
  { name: 'decks', open: async (page) => void (await expect(page.getByTestId('deck-table')).toBeVisible()) },
  {
    name: 'deck-menu-and-dialog',
    open: async (page) => {
      await page.getByRole('button', { name: /^More for Sample$/ }).click();
      await page.getByRole('menuitem', { name: 'Options…' }).click();
      await expect(page.getByTestId('deck-preset')).toBeVisible();
    },
  },
  {
    name: 'study-question',
    open: async (page) => {
      await page.getByTestId('study-all').click();
      await expect(page.getByTestId('question')).toBeVisible();
    },
  },
  {
    name: 'study-answer',
    open: async (page) => {
      await page.getByTestId('study-all').click();
      await expect(page.getByTestId('question')).toBeVisible();
      await page.keyboard.press('Space');
      await expect(page.getByTestId('answer')).toBeVisible();
    },
  },
  {
    name: 'study-edit',
    open: async (page) => {
      await page.getByTestId('study-all').click();
      await expect(page.getByTestId('question')).toBeVisible();
      await page.keyboard.press('e');
      await expect(page.getByTestId('edit-dialog')).toBeVisible();
    },
  },
  {
    name: 'browse',
    open: async (page) => {
      await page.getByTestId('nav-browse').click();
      await page.getByTestId('browse-rows').locator('[role=row][data-card-id]').first().click();
      await expect(page.getByTestId('note-editor')).toBeVisible();
    },
  },
  {
    name: 'browse-card-info',
    open: async (page) => {
      await page.getByTestId('nav-browse').click();
      await page.getByTestId('browse-rows').locator('[role=row][data-card-id]').first().click();
      await page.getByTestId('tab-info').click();
      await expect(page.getByTestId('card-info')).toBeVisible();
    },
  },
  {
    name: 'add',
    open: async (page) => {
      await page.getByTestId('nav-add').click();
      await expect(page.getByTestId('note-editor')).toBeVisible();
    },
  },
  {
    name: 'statistics',
    open: async (page) => {
      await page.getByTestId('nav-stats').click();
      await expect(page.getByTestId('chart-heatmap')).toBeVisible();
    },
  },
  {
    name: 'import',
    open: async (page) => {
      await page.getByTestId('nav-import').click();
      await page.getByTestId('file-input').setInputFiles({ name: 'words.csv', mimeType: 'text/csv', buffer: Buffer.from('chat,cat\nchien,dog\n') });
      await expect(page.getByTestId('import-preview')).toBeVisible();
    },
  },
  {
    name: 'export',
    open: async (page) => {
      await page.getByTestId('nav-export').click();
      await expect(page.getByTestId('do-export')).toBeVisible();
    },
  },
  {
    name: 'interview-form',
    open: async (page) => {
      await page.getByTestId('nav-interview').click();
      const form = page.getByTestId('plan-form');
      // With no interview yet the screen is the form; with one, "Add an interview" opens it.
      await expect(form.or(page.getByTestId('readiness'))).toBeVisible();
      if (!(await form.isVisible())) await page.getByTestId('add-plan').click();
      await expect(form).toBeVisible();
    },
  },
  {
    name: 'interview-readiness',
    open: async (page) => {
      await page.getByTestId('nav-interview').click();
      // The first visit adds the interview the form offers; later ones find it.
      await expect(page.getByTestId('plan-form').or(page.getByTestId('readiness'))).toBeVisible();
      if (await page.getByTestId('plan-form').isVisible()) await page.getByTestId('save-plan').click();
      await expect(page.getByTestId('readiness-plan')).toBeVisible();
      await expect(page.getByTestId('retention-chart')).toBeVisible();
    },
  },
  {
    name: 'stories',
    open: async (page) => {
      await page.getByTestId('nav-stories').click();
      await expect(page.locator('h1')).toBeVisible();
    },
  },
  {
    name: 'settings',
    open: async (page) => {
      await page.getByTestId('nav-settings').click();
      await expect(page.getByTestId('save-preset')).toBeVisible();
      await expect(page.getByTestId('optimizer')).toBeVisible();
      await expect(page.getByTestId('retention-chart')).toBeVisible();
    },
  },
];

let server: RunningServer;
test.beforeAll(async () => {
  server = await startServer(tempDataDir(), FIXTURE_DECKS);
});
test.afterAll(async () => {
  await server.stop();
});

for (const theme of ['light', 'dark'] as const) {
  for (const screen of SCREENS) {
    test(`${screen.name} in the ${theme} theme has no critical or serious accessibility violation`, async ({ page }, info) => {
      await page.emulateMedia({ colorScheme: theme });
      await page.goto(server.url);
      await screen.open(page);
      // One top-level heading names every screen, for screen readers' heading lists.
      await expect(page.locator('h1')).toHaveCount(1);
      const found = await scan(page);
      if (found.length) await shot(page, info, `axe-${screen.name}-${theme}`);
      // Each problem with where it is, so the failure says what to fix.
      expect(violationLines(found)).toEqual([]);
    });
  }
}

test('a skip link is the first Tab stop and takes focus past the navigation to the screen', async ({ page }) => {
  await page.goto(server.url);
  await expect(page.getByTestId('deck-table')).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('button', { name: 'Skip to the screen' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
  // The next Tab lands in the screen, not on the navigation.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true);
});

test('study counts are read with their names, and key points with their text', async ({ page }) => {
  await page.goto(server.url);
  await page.getByTestId('study-all').click();
  await expect(page.getByTestId('counts')).toHaveAccessibleName('Cards left today');
  await expect(page.getByTestId('count-new')).toContainText(/\d+ New/);
  await expect(page.getByTestId('count-learning')).toContainText(/\d+ Learning/);
  await expect(page.getByTestId('count-review')).toContainText(/\d+ Review/);
  // The sample deck's fourth card has key points: answer three cards Easy to reach it.
  for (let i = 0; i < 3; i++) {
    await expect(page.getByTestId('question')).toBeVisible();
    await page.keyboard.press('Space');
    await page.keyboard.press('4');
  }
  await expect(page.getByTestId('card')).toHaveAttribute('data-card-id', 's-kv-cache/1');
  await page.keyboard.press('Space');
  await expect(page.getByRole('checkbox', { name: 'Past keys and values do not change' })).toBeVisible();
});

// 1280×800 at 200% zoom is a 640×400 window in CSS pixels: every screen still fits its width.
for (const screen of SCREENS) {
  test(`${screen.name} at 200% zoom fits the window's width`, async ({ page }, info) => {
    await page.setViewportSize({ width: 640, height: 400 });
    await page.goto(server.url);
    await screen.open(page);
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (sideways > 1) await shot(page, info, `zoom-200-${screen.name}`);
    expect(sideways).toBeLessThanOrEqual(1);
  });
}
