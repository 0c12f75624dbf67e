// A candidate's own story, driven as a person would: written beside the guidance, linked to a flagship project, then studied.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { shot } from './screenshots';
import { startServer, tempDataDir } from './web-server';

const BANK = join(import.meta.dirname, '../../decks/question-bank.md');
const PROMPT = 'bq-course-abandoned-promising-direction';

/** The screen at both window sizes the app is checked at, in both themes; back to large and light after. */
async function shots(page: Page, info: TestInfo, name: string): Promise<void> {
  for (const [width, height] of [
    [1280, 800],
    [900, 650],
  ] as const) {
    await page.setViewportSize({ width, height });
    for (const theme of ['light', 'dark']) {
      await page.evaluate((value) => (document.documentElement.dataset.theme = value), theme);
      await shot(page, info, `${name}-${width}x${height}-${theme}`);
    }
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.evaluate(() => (document.documentElement.dataset.theme = 'light'));
}

test('a story written beside its guidance, linked to a flagship project, and studied by its points', async ({ page }, info) => {
  // Twenty full-page screenshots on a shared two-core machine.
  test.setTimeout(180_000);
  const decks = tempDataDir();
  copyFileSync(BANK, join(decks, 'question-bank.md'));
  const server = await startServer(tempDataDir(), { INTERLEAVE_DECKS: decks });
  try {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(server.url);
    // The question bank is installed, but its prompts wait: the deck has no card and nothing is offered for study.
    await expect(page.getByTestId('deck-interview-stories-behavioral-presentation')).toBeVisible();
    await expect(page.getByTestId('study-all')).toHaveCount(0);

    await page.getByTestId('nav-stories').click();
    const summary = page.getByTestId('stories-summary');
    await expect(summary).toHaveText('68 prompts waiting for your story · 0 stories written and studied');
    await expect(page.getByTestId(`prompt-${PROMPT}`)).toContainText('Tell me about a time you abandoned a promising direction.');
    await expect(page.getByTestId(`prompt-${PROMPT}`)).toContainText('Waiting');
    await shots(page, info, 'stories-prompts');

    // Name a flagship project, with the scope and numbers to tell every time.
    await page.getByTestId('tab-projects').click();
    await page.getByTestId('project-name').fill('Atlas retrieval');
    await page.getByTestId('project-scope').fill('Dense retrieval over 40M documents; team of four; I led evaluation');
    await page.getByTestId('project-numbers').fill('+12% recall@10; p95 latency 80 ms');
    await page.getByTestId('project-save').click();
    await expect(page.locator('.project-card h2').first()).toHaveText('Atlas retrieval');
    await expect(page.getByTestId('tab-projects')).toHaveText('Flagship projects (1)');

    // Write the story beside the guidance, and link it to the project.
    await page.getByTestId('tab-prompts').click();
    await page.getByTestId(`prompt-${PROMPT}`).getByRole('button').click();
    await expect(page.getByTestId('story-screen')).toBeVisible();
    await expect(page.getByTestId('story-guidance')).toContainText('sunk-cost trap');
    await expect(page.getByTestId('story-state')).toContainText('Waiting for your story');
    await shots(page, info, 'story-editor-waiting');
    await page.getByTestId('field-Situation').fill('Month three of a six-month sparse-attention project for long documents.');
    await page.getByTestId('field-Task').fill('Decide whether the team should keep investing in it.');
    await page.getByTestId('field-Action').fill('- Ran the ablation against a tuned dense baseline\n- Wrote a one-page memo with the numbers');
    await page.getByTestId('field-Result').fill('Stopped it; two people moved to retrieval, which shipped a quarter later.');
    await page.getByTestId('field-Evidence').fill('Dense baseline within 0.2 points at half the serving cost.');
    await page.getByTestId('field-Project').fill('Atlas retrieval');
    await expect(page.getByTestId('story-state')).toContainText('Answered: studied as key points, 5 of 5 parts written.');
    await expect(page.getByTestId('editor-preview').getByTestId('key-points').locator('li')).toHaveCount(6);
    await page.getByTestId('editor-save').click();
    await expect(page.getByTestId('editor-status')).toHaveText('Saved.');
    await shots(page, info, 'story-editor-answered');

    // Listed as answered, and under its project, with the rounds it serves.
    await page.getByTestId('back-to-stories').click();
    await expect(summary).toHaveText('67 prompts waiting for your story · 1 story written and studied');
    await page.getByTestId('show-answered').click();
    await expect(page.getByTestId(`prompt-${PROMPT}`)).toContainText('project: Atlas retrieval');
    await page.getByTestId('tab-projects').click();
    const project = page.locator('.project-card').first();
    await expect(project.getByTestId(`project-story-${PROMPT}`)).toContainText('Answered');
    await expect(project.locator('.project-facts')).toContainText('behavioral · presentation');
    await shots(page, info, 'stories-projects');

    // Study it: the prompt, then the learner's own points to tick, each with its part.
    await page.getByRole('button', { name: 'Decks' }).click();
    await page.getByTestId('study-all').click();
    await expect(page.getByTestId('question')).toContainText('Tell me about a time you abandoned a promising direction.');
    await page.keyboard.press('Space');
    await expect(page.getByTestId('answer')).toContainText('Project: Atlas retrieval');
    const points = page.getByTestId('key-points').locator('li');
    await expect(points).toHaveCount(6);
    await expect(points.locator('.story-part')).toHaveText(['Situation', 'Task', 'Action', 'Action', 'Result', 'Evidence']);
    await expect(page.getByTestId('answer-source')).toContainText('What a strong answer shows');
    for (let i = 1; i <= 3; i++) await page.keyboard.press(`Shift+Digit${i}`);
    await expect(page.getByTestId('pending-rating')).toHaveText('Space answers Hard (3 of 6 points)');
    for (let i = 4; i <= 6; i++) await page.keyboard.press(`Shift+Digit${i}`);
    await expect(page.getByTestId('rate-good')).toHaveClass(/suggested/);
    await expect(page.getByTestId('pending-rating')).toHaveText('Space answers Good (6 of 6 points)');
    await shots(page, info, 'study-story');
    await page.keyboard.press('Space');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('today')).toContainText('Today: 1 review');

    // Removing a project keeps its stories, listed under a name no project has, ready to be added back.
    await page.getByTestId('nav-stories').click();
    await page.getByTestId('tab-projects').click();
    await page.getByTestId('project-delete').click();
    await page.getByTestId('confirm-remove-project').click();
    const unlisted = page.getByTestId('unlisted-projects');
    await expect(unlisted).toContainText('Atlas retrieval');
    await expect(unlisted.getByTestId(`project-story-${PROMPT}`)).toBeVisible();
    await unlisted.getByRole('button', { name: 'Add to my projects' }).click();
    await expect(page.getByTestId('unlisted-projects')).toHaveCount(0);
    await expect(page.locator('.project-card').first().getByTestId(`project-story-${PROMPT}`)).toBeVisible();

    // A prompt of the learner's own joins the question bank, waiting until its story is written.
    await page.getByTestId('new-prompt').click();
    await page.getByTestId('field-Prompt').fill('Tell me about the launch you are proudest of.');
    await page.getByTestId('editor-save').click();
    await expect(page.getByRole('heading', { name: 'Your story', level: 1 })).toBeVisible();
    await expect(page.getByTestId('story-state')).toContainText('Waiting for your story');
    await page.getByTestId('back-to-stories').click();
    await expect(summary).toHaveText('68 prompts waiting for your story · 1 story written and studied');
  } finally {
    await server.stop();
  }
});
