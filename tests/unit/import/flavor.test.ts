// Telling Markdown flashcard files apart: the native format, Obsidian's plugin, Logseq pages, or none.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectMarkdownFlavor } from '../../../src/core/import/markdown/flavor';

const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');

describe('detectMarkdownFlavor', () => {
  it('knows the built-in decks as the native format (front matter with deck:, then ## id cards)', () => {
    const decks = readdirSync(new URL('../../../decks/', import.meta.url)).filter((name) => name.endsWith('.md'));
    expect(decks.length).toBeGreaterThan(0);
    for (const name of decks) expect(detectMarkdownFlavor(read(`decks/${name}`))).toBe('interleave');
  });

  it('knows Logseq pages by #card blocks, {{cloze}} or card-… properties', () => {
    expect(detectMarkdownFlavor(read('tests/fixtures/text/logseq-docs_Flashcards.md'))).toBe('logseq');
    expect(detectMarkdownFlavor(read('tests/fixtures/text/logseq-docs_Cloze.md'))).toBe('logseq');
    // An outline of blocks with `key:: value` properties is Logseq even though `::` also separates Obsidian cards.
    expect(detectMarkdownFlavor('type:: [[Note]]\n\n- first block\n  collapsed:: true\n\t- child\n')).toBe('logseq');
  });

  it('knows Obsidian files by scheduling comments and #flashcards tags, else by the plugin’s card syntax', () => {
    expect(detectMarkdownFlavor('#flashcards/ml\nq::a\n')).toBe('obsidian');
    expect(detectMarkdownFlavor('- q::a <!--SR:!2023-10-16,3,250-->\n- other\n')).toBe('obsidian');
    expect(detectMarkdownFlavor('What is SGD::stochastic gradient descent\n')).toBe('obsidian');
    expect(detectMarkdownFlavor('Question\n?\nAnswer\n')).toBe('obsidian');
    expect(detectMarkdownFlavor('The ==mean== of a Bernoulli is p\n')).toBe('obsidian');
  });

  it('does not see the native format in front matter without deck: or without ## cards', () => {
    expect(detectMarkdownFlavor('---\ntitle: Notes\n---\n\n## heading\n')).toBeNull();
    expect(detectMarkdownFlavor('---\ndeck: ML\n---\n\nno cards yet\n')).toBeNull();
  });

  it('returns null for ordinary Markdown, and ignores card syntax inside code', () => {
    expect(detectMarkdownFlavor('# Release notes\n\n- Faster start\n- Fewer crashes\n\nSee [the docs](https://example.com).\n')).toBeNull();
    expect(detectMarkdownFlavor('# Title\n\nSome `a::b` code and\n\n```\nx::y\n?\n```\n')).toBeNull();
    expect(detectMarkdownFlavor('')).toBeNull();
  });
});
