// `interleave export --format md` as a person or a script sees it: the file imports back whole, and a note written in another form is named.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli';
import { tempFolder } from '../helpers/temp-folder';

const FRENCH = join(import.meta.dirname, '../fixtures/anki/mauriciopoppe-french-cloze-2026.apkg');

// Each command is a process of its own that compiles the sources (tsx): a longer hang guard.
describe('interleave export --format md', { timeout: 180_000 }, () => {
  it('writes a real Anki deck that imports back whole, and names the note it wrote as a basic note', () => {
    const data = tempFolder('cli-export');
    expect(cli(data, 'import', FRENCH).code).toBe(0);
    const out = join(tempFolder('cli-export-out'), 'french.md');

    const exported = cli(data, 'export', '--deck', 'My french words and phrases', '--format', 'md', out);
    expect(exported.code, exported.err).toBe(0);
    // The note with `{{c1L::…}}` (a deletion Anki shows as text) by its id in the file and its opening words.
    const line = exported.out.split('\n').find((text) => text.startsWith('- Written in another form'));
    expect(line).toMatch(/^- Written in another form so that the file still imports: imported-[0-9a-f]{12} \(“Tu as oublié ce que tu as dit \? \{\{c1L::Je me souviens parfaitement/);
    expect(line).toContain('a cloze note needs at least one deletion like {{c1::answer}}: written as a basic note holding the same text');
    const id = /(imported-[0-9a-f]{12})/.exec(line!)![1]!;

    const json = cli(data, '--json', 'export', '--deck', 'My french words and phrases', '--format', 'md', out).json();
    expect(json.messages.filter((message: string) => message.includes(id))).toHaveLength(1);

    const fresh = tempFolder('cli-export-fresh');
    const imported = cli(fresh, '--json', 'import', out);
    expect(imported.code, imported.err).toBe(0);
    expect(imported.json()).toMatchObject({ notes: { added: 1639 } });
    expect(cli(fresh, '--json', 'show', `${id}/1`).json()).toMatchObject({ cardId: `${id}/1` });
  });
});
