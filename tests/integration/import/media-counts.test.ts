// The import summary's media counts say what its messages say: a file left out is counted as skipped.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { basicNote, json, packageOf, rezip } from '../../helpers/anki-builder';
import { openTestService } from '../../helpers/service';
import { tempFolder } from '../../helpers/temp-folder';

describe('media counts of an import', () => {
  it('counts refused names and unreadable files as skipped, as many as the messages name', async () => {
    const pkg = rezip(await packageOf([basicNote('id:1', 'one <img src="good.png">', '1')]), (entries) => {
      entries.media = json({ 0: '../evil.sh', 1: '/etc/passwd', 2: '.hidden', 3: 'good.png', 4: 'gone.png' });
      for (const entry of ['0', '1', '2', '3']) entries[entry] = new Uint8Array([Number(entry)]);
      // "4" is listed but not in the archive.
    });
    const file = join(tempFolder('pkg'), 'media.apkg');
    writeFileSync(file, pkg);
    const { service } = openTestService({ decks: null });
    try {
      const summary = await service.importFile({ path: file });
      expect(summary.media).toEqual({ added: 1, updated: 0, unchanged: 0, skipped: 4 });
      const messages = summary.messages.join('\n');
      expect(messages).toMatch(/3 media name\(s\) refused/);
      expect(messages).toMatch(/1 media file\(s\) listed in the media map could not be read/);
    } finally {
      await service.close();
    }
  });
});
