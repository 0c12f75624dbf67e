// Writes a small deck file in the native format for tests: `count` notes of one type, named `prefix-N`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempFolder } from './temp-folder';

/** A deck file with `count` notes named `prefix-N`: basic, reverse (two cards a note) or cloze (eight). */
export function deckFile(name: string, prefix: string, count: number, type = 'basic'): string {
  const cards = Array.from({ length: count }, (_, i) =>
    type === 'cloze'
      ? `## ${prefix}-${i}\ntype: cloze\n### Text\n${Array.from({ length: 8 }, (_, c) => `{{c${c + 1}::w${c}}}`).join(' ')}\n`
      : type === 'reverse'
        ? `## ${prefix}-${i}\ntype: reverse\n### Front\nQ ${prefix} ${i}\n### Back\nA ${i}\n`
        : `## ${prefix}-${i}\n### Front\nQ ${prefix} ${i}\n### Back\nA ${i}\n`,
  );
  const path = join(tempFolder('deck'), `${prefix}.md`);
  writeFileSync(path, `---\ndeck: ${name}\n---\n\n${cards.join('\n')}`);
  return path;
}
