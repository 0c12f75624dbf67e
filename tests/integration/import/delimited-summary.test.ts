// A CSV import's summary shows the columns found without reading the file a second time.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import * as delimited from '../../../src/core/import/text/delimited';
import { openTestService, TestClock, T0 } from '../../helpers/service';
import { tempFolder } from '../../helpers/temp-folder';

vi.mock('../../../src/core/import/text/delimited', async (original) => {
  const real = await original<typeof import('../../../src/core/import/text/delimited')>();
  return { ...real, previewDelimited: vi.fn(real.previewDelimited) };
});

describe('the summary of a CSV import', () => {
  it('has the columns and their mapping from the one reading of the file', async () => {
    const { service } = openTestService({ clock: new TestClock(T0), decks: null });
    const path = join(tempFolder('csv'), 'quizlet.csv');
    writeFileSync(path, 'term,definition,topic\nentropy,"expected surprisal, in bits",info\nKL,"relative entropy, asymmetric",info\n');
    const summary = await service.importFile({ path });
    expect(summary.columns).toEqual({
      names: ['term', 'definition', 'topic'],
      rows: [
        ['entropy', 'expected surprisal, in bits', 'info'],
        ['KL', 'relative entropy, asymmetric', 'info'],
      ],
      delimiter: ',',
      hasHeader: true,
      mapping: expect.objectContaining({ front: 0, back: 1 }),
    });
    expect(vi.mocked(delimited.previewDelimited)).not.toHaveBeenCalled();
    await service.close();
  });
});
