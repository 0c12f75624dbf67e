// Reading every note for search after opening goes a slice at a time: the window's calls are answered in between.
import { describe, expect, it } from 'vitest';
import { Collection } from '../../src/core/collection/collection';
import { preparingSearch } from '../../src/core/search';
import { openTestService } from '../helpers/service';

describe('the search warm-up', () => {
  it('lets a call made while it runs be answered before it ends', async () => {
    const { service } = openTestService();
    let warm = false;
    const warming = service.warmUp().then(() => (warm = true));
    const status = await service.status({});
    expect(status.ok).toBe(true);
    expect(warm).toBe(false);
    await warming;
    expect((await service.search({ query: 'deck:*', limit: 5 })).total).toBeGreaterThan(0);
    await service.close();
  });

  it('pauses after ordering the cards and after every slice of notes', () => {
    const { service } = openTestService();
    const col = service.store.requireCollection() as Collection;
    const pauses = [...preparingSearch(col, 10)].length;
    expect(pauses).toBe(1 + Math.floor(col.notes.size / 10));
    return service.close();
  });
});
