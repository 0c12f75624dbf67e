// Story prompts and flagship projects through the service: waiting prompts are listed, never scheduled; projects live in the journal.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Collection } from '../../src/core/collection/collection';
import { openTestService, TestClock, T0 } from '../helpers/service';
import { tempFolder } from '../helpers/temp-folder';

const ROOT = join(import.meta.dirname, '../..');

const BANK = `---
deck: Stories
description: Prompts for your own stories.
---

## s-conflict
type: story
tags: topic::conflict round::behavioral level::core

### Prompt
Tell me about a disagreement with a colleague.

### Guidance
- What the disagreement was about
- How it was settled

## s-baseline
type: story
tags: topic::baselines round::presentation level::core

### Prompt
Why did you compare against this baseline?

### Guidance
- Why it is the strongest fair comparison

## s-failure
type: story
tags: topic::failure round::behavioral level::core

### Prompt
Tell me about a project that failed.

### Guidance
- What you learned
`;

function bankFolder(text = BANK): string {
  const dir = tempFolder('decks');
  writeFileSync(join(dir, 'stories.md'), text);
  return dir;
}

const story = { Situation: 'Two teams wanted the same GPUs.', Task: 'Agree a schedule.', Action: '- Measured both jobs\n- Proposed a split', Result: 'Both shipped on time.', Project: 'Atlas' };

describe('the question bank’s prompts', () => {
  it('wait for the learner’s story: listed, with no card, never offered for study', async () => {
    const { service } = openTestService({ decks: bankFolder() });
    const stories = await service.listStories({});
    expect(stories).toMatchObject({ waiting: 3, answered: 0 });
    expect(stories.prompts.map((p) => [p.noteId, p.answered, p.cardId])).toEqual([
      ['s-conflict', false, null],
      ['s-baseline', false, null],
      ['s-failure', false, null],
    ]);
    expect(stories.prompts[1]).toMatchObject({ prompt: 'Why did you compare against this baseline?', rounds: ['round::presentation'], deckName: 'Stories' });
    const deck = (await service.listDecks({})).decks.find((d) => d.name === 'Stories')!;
    expect(deck.counts).toEqual({ new: 0, learning: 0, review: 0, total: 0 });
    expect((await service.nextCard({ deckId: deck.id })).card).toBeNull();
    expect((await service.search({ query: 'note:story' })).total).toBe(0);
    // Listed for one deck (and its children) as for all.
    expect((await service.listStories({ deckId: deck.id })).prompts).toHaveLength(3);
    await expect(service.listStories({ deckId: 'nope' })).rejects.toMatchObject({ code: 'not_found', where: { field: 'deckId' } });
    await service.close();
  });

  it('become cards once the learner writes their story, studied by ticking its points', async () => {
    const { service } = openTestService({ decks: bankFolder() });
    await service.editNote({ noteId: 's-conflict', fields: story });
    const stories = await service.listStories({});
    expect(stories).toMatchObject({ waiting: 2, answered: 1 });
    expect(stories.prompts[0]).toMatchObject({ answered: true, parts: 4, cardId: 's-conflict/1', project: 'Atlas' });
    const next = await service.nextCard({ deckId: stories.prompts[0]!.deckId });
    expect(next.card).toMatchObject({ cardId: 's-conflict/1', noteType: 'story', kind: 'new' });
    expect(next.card!.keyPoints!.map((point) => /class="story-part">(\w+)/.exec(point)![1])).toEqual(['Situation', 'Task', 'Action', 'Action', 'Result']);
    // Found by its prompt, its parts and its project, as any answered card is.
    expect((await service.search({ query: 'note:story project:atlas GPUs' })).ids).toEqual(['s-conflict/1']);
    await service.answer({ cardId: 's-conflict/1', rating: 'good', checkedPoints: [0, 1, 2, 3, 4] });
    expect((await service.getCard({ cardId: 's-conflict/1' })).history.map((review) => review.rating)).toEqual(['good']);
    await service.close();
  });

  it('keep the learner’s story when the built-in file changes, and go back to waiting when the story is cleared', async () => {
    const decks = bankFolder();
    const clock = new TestClock(T0);
    const dataDir = tempFolder();
    let { service } = openTestService({ decks, clock, dataDir });
    await service.editNote({ noteId: 's-conflict', fields: story });
    await service.close();
    writeFileSync(join(decks, 'stories.md'), BANK.replace('How it was settled', 'How it was settled, and what you would repeat'));
    ({ service } = openTestService({ decks, clock, dataDir }));
    expect((await service.getNote({ noteId: 's-conflict' })).fields.Situation).toBe(story.Situation);
    expect((await service.listStories({})).answered).toBe(1);
    await service.editNote({ noteId: 's-conflict', fields: { Situation: '', Task: '', Action: '', Result: '' } });
    expect(await service.listStories({})).toMatchObject({ waiting: 3, answered: 0 });
    expect((await service.search({ query: 'note:story' })).total).toBe(0);
    await service.close();
  });

  it('the built-in question bank ships every prompt waiting: none is scheduled until answered', async () => {
    const decks = tempFolder('decks');
    copyFileSync(join(ROOT, 'decks/question-bank.md'), join(decks, 'question-bank.md'));
    const { service } = openTestService({ decks });
    const stories = await service.listStories({});
    expect(stories.prompts.length).toBeGreaterThanOrEqual(60);
    expect(stories.waiting).toBe(stories.prompts.length);
    expect(service.store.requireCollection().cards.size).toBe(0);
    expect((await service.nextCard({})).card).toBeNull();
    await service.close();
  });
});

describe('flagship projects', () => {
  it('show which stories and prompts name each, and names on no list apart', async () => {
    const { service } = openTestService({ decks: bankFolder() });
    const atlas = await service.saveProject({ name: 'Atlas', scope: 'Retrieval for 40M documents, team of 4, I led evaluation', numbers: '12% recall@10 gain; p95 80 ms' });
    await service.editNote({ noteId: 's-conflict', fields: { ...story, Project: ' atlas ' } });
    await service.editNote({ noteId: 's-baseline', fields: { Project: 'Atlas' } });
    await service.editNote({ noteId: 's-failure', fields: { Project: 'Orion' } });
    const view = await service.listStories({});
    expect(view.projects).toEqual([{ project: atlas, noteIds: ['s-conflict', 's-baseline'] }]);
    expect(view.unlisted).toEqual([{ name: 'Orion', noteIds: ['s-failure'] }]);
    // A prompt linked before its story is written still waits.
    expect(view.prompts.find((p) => p.noteId === 's-baseline')).toMatchObject({ answered: false, project: 'Atlas' });
    expect(await service.listProjects({})).toEqual([atlas]);
    await service.close();
  });

  it('renamed, take their stories with them in the same journal line', async () => {
    const { service } = openTestService({ decks: bankFolder() });
    const atlas = await service.saveProject({ name: 'Atlas' });
    await service.editNote({ noteId: 's-conflict', fields: story });
    const renamed = await service.saveProject({ id: atlas.id, name: 'Atlas Retrieval' });
    expect(renamed).toMatchObject({ id: atlas.id, name: 'Atlas Retrieval', created: atlas.created });
    expect((await service.getNote({ noteId: 's-conflict' })).fields.Project).toBe('Atlas Retrieval');
    expect((await service.listStories({})).projects[0]!.noteIds).toEqual(['s-conflict']);
    expect((await service.check({})).ok).toBe(true);
    await service.close();
  });

  it('refuse a second project of the same name, an unknown id, and more than five', async () => {
    const { service } = openTestService({ decks: bankFolder() });
    await service.saveProject({ name: 'Atlas' });
    await expect(service.saveProject({ name: ' ATLAS ' })).rejects.toMatchObject({ code: 'conflict', message: 'You already have a project named “Atlas”.', where: { field: 'name' } });
    await expect(service.saveProject({ id: 'nope', name: 'X' })).rejects.toMatchObject({ code: 'not_found', where: { field: 'id' } });
    for (const name of ['B', 'C', 'D', 'E']) await service.saveProject({ name });
    await expect(service.saveProject({ name: 'F' })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('at most 5') });
    await service.close();
  });

  it('are kept through a restart, by the snapshot and by replaying the journal, and deleting one keeps its stories', async () => {
    const decks = bankFolder();
    const clock = new TestClock(T0);
    const dataDir = tempFolder();
    let { service } = openTestService({ decks, clock, dataDir });
    const atlas = await service.saveProject({ name: 'Atlas', numbers: '12%' });
    const orion = await service.saveProject({ name: 'Orion' });
    await service.editNote({ noteId: 's-conflict', fields: story });
    await service.close();
    ({ service } = openTestService({ decks, clock, dataDir }));
    expect(await service.listProjects({})).toEqual([atlas, orion]);
    expect((await service.check({})).ok).toBe(true);
    expect(await service.deleteProject({ projectId: atlas.id })).toEqual({ deleted: true });
    expect(await service.deleteProject({ projectId: atlas.id })).toEqual({ deleted: false });
    const view = await service.listStories({});
    expect(view.projects.map((p) => p.project.name)).toEqual(['Orion']);
    expect(view.unlisted).toEqual([{ name: 'Atlas', noteIds: ['s-conflict'] }]);
    await service.close();
  });

  it('are absent from snapshots written before them, which still load', () => {
    const data = new Collection().toData();
    delete data.projects;
    expect(Collection.fromData(data).projects.size).toBe(0);
  });
});

describe('stories in exports', () => {
  it('come back the same in an empty collection: answered ones with their card, waiting ones without', async () => {
    const { service } = openTestService({ decks: bankFolder() });
    await service.editNote({ noteId: 's-conflict', fields: story });
    const deckId = (await service.listStories({})).prompts[0]!.deckId;
    const out = join(tempFolder('export'), 'stories.md');
    await service.exportTo({ format: 'md', deckId, path: out });
    expect(readFileSync(out, 'utf8')).toContain('## s-conflict\ntype: story\n');
    await service.close();

    const fresh = openTestService({ decks: null }).service;
    const summary = await fresh.importFile({ path: out });
    expect(summary).toMatchObject({ notes: { added: 3 }, cards: { added: 1 } });
    expect((await fresh.getNote({ noteId: 's-conflict' })).fields).toEqual({ Prompt: 'Tell me about a disagreement with a colleague.', Guidance: '- What the disagreement was about\n- How it was settled', ...story });
    expect(await fresh.listStories({})).toMatchObject({ waiting: 2, answered: 1 });
    await fresh.close();
  });

  it('come back from a backup archive with their card and schedule, waiting prompts still waiting', async () => {
    const { service } = openTestService({ decks: bankFolder() });
    await service.editNote({ noteId: 's-conflict', fields: story });
    await service.answer({ cardId: 's-conflict/1', rating: 'good' });
    const out = join(tempFolder('export'), 'all.interleave');
    await service.exportTo({ format: 'backup', path: out });
    const due = (await service.getCard({ cardId: 's-conflict/1' })).state.due;
    await service.close();

    const fresh = openTestService({ decks: null }).service;
    await fresh.importFile({ path: out });
    expect((await fresh.getCard({ cardId: 's-conflict/1' })).state.due).toBe(due);
    expect(await fresh.listStories({})).toMatchObject({ waiting: 2, answered: 1 });
    await fresh.close();
  });

  it('go into an Anki package as a Story note type: answered ones with their card, read back by our importer', async () => {
    const { service } = openTestService({ decks: bankFolder() });
    await service.editNote({ noteId: 's-conflict', fields: story });
    const out = join(tempFolder('export'), 'stories.apkg');
    const summary = await service.exportTo({ format: 'apkg', path: out });
    expect(summary).toMatchObject({ notes: 3, cards: 1 });
    await service.close();

    const fresh = openTestService({ decks: null }).service;
    const imported = await fresh.importFile({ path: out });
    expect(imported.cards.added).toBe(1);
    const card = [...fresh.store.requireCollection().cards.values()][0]!;
    expect((await fresh.getCard({ cardId: card.id })).back).toContain('Two teams wanted the same GPUs.');
    await fresh.close();
  });
});
