// The media folder on disk: imported files get names of their own and never replace a file that is there.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planMedia, writeMedia } from '../../src/main/import/media-folder';
import { tempFolder } from '../helpers/temp-folder';

const bytes = (text: string) => new TextEncoder().encode(text);
const short = (text: string) => createHash('sha1').update(text).digest('hex').slice(0, 8);

function folderWith(files: Record<string, string>): string {
  const dataDir = tempFolder();
  mkdirSync(join(dataDir, 'media'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dataDir, 'media', name), content);
  return dataDir;
}

describe('planning media names', () => {
  it('renames a file whose name holds other content, and goes on to -2 when the renamed name is taken too', () => {
    const mine = 'mine';
    const dataDir = folderWith({ 'pic.png': 'theirs', [`pic-${short(mine)}.png`]: 'someone else again' });
    const plan = planMedia(dataDir, [{ name: 'pic.png', bytes: bytes(mine) }]);
    expect(plan.renames.get('pic.png')).toBe(`pic-${short(mine)}-2.png`);
    expect(plan.writes.map((file) => file.name)).toEqual([`pic-${short(mine)}-2.png`]);
  });

  it('counts a file this import itself wrote on an earlier pass as its own, not as already there', () => {
    const dataDir = folderWith({ 'pic.png': 'mine' });
    expect(planMedia(dataDir, [{ name: 'pic.png', bytes: bytes('mine') }]).counts).toMatchObject({ added: 0, unchanged: 1 });
    expect(planMedia(dataDir, [{ name: 'pic.png', bytes: bytes('mine') }], new Set(['pic.png'])).counts).toMatchObject({ added: 1, unchanged: 0 });
  });
});

describe('writing media', () => {
  it('never replaces a file that appeared after planning: it reports the name as taken and leaves the file alone', () => {
    const dataDir = folderWith({});
    const plan = planMedia(dataDir, [{ name: 'pic.png', bytes: bytes('imported') }, { name: 'other.png', bytes: bytes('other') }]);
    writeFileSync(join(dataDir, 'media', 'pic.png'), 'pasted meanwhile');
    expect(writeMedia(dataDir, plan)).toEqual(['pic.png']);
    expect(readFileSync(join(dataDir, 'media', 'pic.png'), 'utf8')).toBe('pasted meanwhile');
    expect(readFileSync(join(dataDir, 'media', 'other.png'), 'utf8')).toBe('other');
  });

  it('accepts a file that appeared with the same content, and leaves no temporary files behind', () => {
    const dataDir = folderWith({});
    const plan = planMedia(dataDir, [{ name: 'pic.png', bytes: bytes('same') }]);
    writeFileSync(join(dataDir, 'media', 'pic.png'), 'same');
    expect(writeMedia(dataDir, plan)).toEqual([]);
    expect(readdirSync(join(dataDir, 'media'))).toEqual(['pic.png']);
  });
});
