// The markup search sets aside, found in one read: equal to the regular expressions they replace, and quick on fields of openers that never close.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_FIELD_LENGTH } from '../../../src/core/import/bundle';
import { linkTexts, withoutTagsAndComments } from '../../../src/core/search/markup-scans';
import { searchableText } from '../../../src/core/search/searchable-text';
import { replaceUntil } from '../../../src/core/text/replace-until';
import { lineBreakingTagsByRegex, linkTextsByRegex, tagsAndCommentsByRegex } from '../reference/regex-scans';

const PIECES = ['<', '>', '<!--', '-->', '--', '<b>', '</div>', '<br', '<br/>', '</p', 'a', 'B', ' ', '\n', '[', ']', '(', ')', '![', '](', '!', 'x', '<', '/'];
const markup = fc.array(fc.constantFrom(...PIECES), { maxLength: 200 }).map((pieces) => pieces.join(''));

/** Holds `scan` equal to `reference` on random markup. */
const sameAs = (scan: (text: string) => string, reference: (text: string) => string) =>
  fc.assert(
    fc.property(markup, (text) => {
      expect(scan(text)).toBe(reference(text));
    }),
    { numRuns: 3000 },
  );

describe('markup scans', () => {
  it('remove comments and tag-like text as the regular expression did', () => {
    sameAs(withoutTagsAndComments, tagsAndCommentsByRegex);
  });

  it('keep link and image text as the regular expression did', () => {
    sameAs(linkTexts, linkTextsByRegex);
  });

  it('turn line-breaking HTML tags into spaces as the regular expression did', () => {
    const opener = /<(?:br|\/(?:div|p|li|tr|td|th|h[1-6]))\b/gi;
    sameAs((text) => replaceUntil(text, opener, '>', ' '), lineBreakingTagsByRegex);
  });
});

// Fields as long as an import allows: the regular expressions read the rest of the field again
// for every opener, about half a minute for each of these.
describe('searching a hostile field', () => {
  const n = MAX_FIELD_LENGTH;
  it('of unclosed comments or line breaks reads it as text', () => {
    expect(searchableText('<!--'.repeat(n / 4))).toBe('<!--'.repeat(n / 4));
    expect(searchableText('<br'.repeat(n / 3), true)).toBe('<br'.repeat(n / 3));
  });

  it('of brackets that never make a link reads it as text', () => {
    expect(searchableText(`${'['.repeat(n)}]](x)`)).toBe(`${'['.repeat(n)}]](x)`);
    expect(searchableText(`${'[a]('.repeat(n / 4)}\n[b](c)`)).toBe(`${'[a]('.repeat(n / 4)} b`);
  });
});
