// Settings answer where the learner is: a wrong value is named beside its field, and unsaved preset changes are not lost by leaving.
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { shot } from './screenshots';
import { startServer, tempDataDir } from './web-server';

const FIXTURE_DECKS = { INTERLEAVE_DECKS: join(import.meta.dirname, '../fixtures/decks') };

test('a wrong value is said in plain words beside its field, and the retention hint speaks of workload', async ({ page }, info) => {
  const server = await startServer(tempDataDir(), FIXTURE_DECKS);
  try {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(server.url);
    await page.getByTestId('nav-settings').click();
    const retention = page.getByTestId('preset-desiredRetention');
    await expect(page.getByText('about two and a half times the reviews')).toBeVisible();
    await retention.fill('0.5');
    await page.getByTestId('save-preset').click();
    const error = page.locator('label', { has: retention }).getByTestId('field-error');
    await expect(error).toHaveText('Desired retention must be a number from 0.7 to 0.99.');
    await expect(retention).toHaveAttribute('aria-invalid', 'true');
    // The learner is at Save: the answer is in view there too.
    await expect(page.getByTestId('feedback-save')).toBeInViewport();

    // A step the service refuses: its sentence, no method or schema words, beside the steps.
    await retention.fill('0.9');
    await page.getByTestId('learning-steps').fill('1m 2d');
    await page.getByTestId('save-preset').click();
    const steps = page.locator('label', { has: page.getByTestId('learning-steps') }).getByTestId('field-error');
    await expect(steps).toHaveText('Learning step 2: a step is a number followed by m or h, e.g. 10m or 2h (intervals of days are FSRS’s to choose).');
    await expect(steps).not.toContainText('savePreset');
    await shot(page, info, 'settings-field-error');
  } finally {
    await server.stop();
  }
});

test('leaving with unsaved preset changes asks: keep editing, discard, or save', async ({ page }) => {
  const server = await startServer(tempDataDir(), FIXTURE_DECKS);
  try {
    await page.goto(server.url);
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('preset-newPerDay').fill('7');
    await page.getByTestId('nav-browse').click();
    await expect(page.getByTestId('confirm-dialog')).toContainText('Save your changes to “Default”?');
    await page.getByTestId('confirm-cancel').click();
    await expect(page.getByTestId('settings')).toBeVisible();
    await expect(page.getByTestId('preset-newPerDay')).toHaveValue('7');

    // Save, then the move goes on; the change is kept.
    await page.getByTestId('nav-browse').click();
    await page.getByTestId('confirm-save').click();
    await expect(page.getByTestId('browse')).toBeVisible();
    await page.getByTestId('nav-settings').click();
    await expect(page.getByTestId('preset-newPerDay')).toHaveValue('7');

    // Discard: the move goes on and the change is gone.
    await page.getByTestId('preset-newPerDay').fill('9');
    await page.getByTestId('nav-stats').click();
    await page.getByTestId('confirm-discard').click();
    await expect(page.getByTestId('stats')).toBeVisible();
    await page.getByTestId('nav-settings').click();
    await expect(page.getByTestId('preset-newPerDay')).toHaveValue('7');
  } finally {
    await server.stop();
  }
});
