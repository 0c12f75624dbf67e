// Anki cards from untrusted decks: random and hostile templates and fields always render, quickly, and never throw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderAnkiMarkup } from '../../../src/core/render/anki-markup';
import { renderAnkiCard, renderTemplate, TemplateError, type AnkiNoteTypeLike } from '../../../src/core/render/anki-template';

// Pieces of every construct the engine reads, so random text often forms (and breaks) real syntax.
const PIECES = [
  '{{', '}}', '{', '}', '#', '^', '/', ':', '::', ' ', '\n', 'x', 'Front', 'Back', 'Text', 'Back Extra', 'FrontSide',
  'Tags', 'Deck', 'c1', 'c2', 'cloze', 'cloze-only', 'text', 'hint', 'type', 'nc', 'furigana', 'kana', 'kanji', 'tts en_US',
  '<!--', '-->', '{{=<% %>=}}', '<%', '%>', '{{c1::', '{{c2::', '{{c1,2::', '\\(', '\\)', '\\[', '\\]', '$', '$$', '\\',
  '[latex]', '[/latex]', '[$]', '[/$]', '[$$]', '[/$$]', '[sound:', '[anki:tts lang=en]', '[/anki:tts]', '[', ']',
  '[[type:', ']]', '<hr id=answer>', '<br>', '<div>', '</div>', '<b>', '<style>', '</style>', '<script>', '<', '>',
  '&lt;', '&amp;', '&nbsp;', '&#x1F600;', '\\frac{a}{b}', '\\begin{align}', '\\end{align}', '&', '日本[にほん]', '\u{1F600}',
];

// Short texts form whole constructs often; full-size ones (fast-check would otherwise keep them
// tiny) reach a few kilobytes.
const pieces = (size: 'small' | 'max') => fc.array(fc.constantFrom(...PIECES), { maxLength: 800, size }).map((chosen) => chosen.join(''));
const text = fc.oneof(
  pieces('small'),
  pieces('max'),
  fc.string({ maxLength: 4000, size: 'max' }),
  fc.string({ unit: 'binary', maxLength: 2000, size: 'max' }),
);

// Field text: whole constructs mixed with loose pieces.
const WHOLE = [
  '{{c1::answer}}', '{{c2::\\frac{a}{b}}}', '{{c1::x::hint}}', '{{c1::outer {{c2::inner}}}}', '\\(x^2\\)', '\\[\\sum_i i\\]',
  '[$]a_1[/$]', '[$$]\\int f[/$$]', '[latex]$y$[/latex]', '[sound:a.mp3]', '<img src="a.png">', '日本[にほん]',
];
const mixed = fc.array(fc.oneof(fc.constantFrom(...WHOLE), fc.constantFrom(...PIECES)), { maxLength: 400, size: 'max' }).map((chosen) => chosen.join(''));
const content = fc.oneof(text, mixed);

// Templates whose sections balance, so that many random cards render fully rather than stop at a template problem.
const TAGS = [
  '{{Front}}', '{{Back}}', '{{cloze:Text}}', '{{cloze-only:Text}}', '{{type:Back}}', '{{type:cloze:Text}}', '{{hint:Back}}',
  '{{text:Front}}', '{{furigana:Front}}', '{{kana:text:Back}}', '{{FrontSide}}', '{{Tags}}', '{{Deck}}', '{{Back Extra}}',
];
const FILLER = ['x', ' ', '\n', '<br>', '<hr id=answer>', '<div>', '</div>', '\\(', '\\)', '[$]', '[/$]', '&nbsp;', '<!-- c -->', ':', '}'];
const { template: wellFormed } = fc.letrec<{ template: string; node: string }>((tie) => ({
  template: fc.array(tie('node'), { maxLength: 12 }).map((nodes) => nodes.join('')),
  node: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(...TAGS),
    fc.constantFrom(...FILLER),
    fc
      .record({ key: fc.constantFrom('Front', 'Back', 'Text', 'c1', 'c2'), negated: fc.boolean(), body: tie('template') })
      .map(({ key, negated, body }) => `{{${negated ? '^' : '#'}${key}}}${body}{{/${key}}}`),
  ),
}));
const template = fc.oneof(text, wellFormed, wellFormed);

const noteType = fc.record({
  name: fc.constantFrom('Basic', 'Cloze', 'X'),
  kind: fc.constantFrom('normal' as const, 'cloze' as const),
  fields: fc.constant<string[]>(['Front', 'Back', 'Text', 'Back Extra']),
  templates: fc.array(fc.record({ name: fc.constantFrom('Card 1', 'Cloze'), front: template, back: template }), { minLength: 1, maxLength: 2 }),
});

const input = fc.record({
  noteType,
  fields: fc.record({ Front: content, Back: content, Text: content, 'Back Extra': content }),
  ord: fc.integer({ min: 1, max: 3 }),
  tags: fc.array(fc.constantFrom('a', 'b::c', '<b>'), { maxLength: 3 }),
  deckName: fc.constantFrom('Default', 'A::B', ''),
  flag: fc.integer({ min: 0, max: 7 }),
});

describe('rendering untrusted Anki cards', () => {
  it('always gives both sides as strings for random templates and fields', () => {
    fc.assert(
      fc.property(input, (card) => {
        const sides = renderAnkiCard(card);
        expect(typeof sides.front).toBe('string');
        expect(typeof sides.back).toBe('string');
      }),
      { numRuns: 300 },
    );
  });

  it('fails on a random template only with a TemplateError, and renders any field markup', () => {
    fc.assert(
      fc.property(text, text, (template, field) => {
        try {
          renderTemplate(template, { fields: new Map([['Front', field]]), ord: 1, frontSide: null });
        } catch (error) {
          expect(error).toBeInstanceOf(TemplateError);
        }
        expect(typeof renderAnkiMarkup(field)).toBe('string');
      }),
      { numRuns: 300 },
    );
  });

  // Each of these makes a naive regular expression or recursion backtrack, recurse or multiply for minutes.
  const hostile: [string, string, string][] = [
    ['ruby brackets that never close', '{{furigana:Front}}', 'a['.repeat(20_000)],
    ['style tags that never close', '{{text:Front}}', '<style>'.repeat(10_000)],
    ['comments that never close', '{{text:Front}}', '<!--<'.repeat(10_000) + '>'],
    ['formulas that never close', '{{Front}}', '\\('.repeat(20_000)],
    ['LaTeX tags that never close', '{{Front}}', '[latex]'.repeat(10_000)],
    // [latex] documents are drawn up to 10,000 characters of TeX: these stay just under.
    ['LaTeX environments that never close', '{{Front}}', `[latex]${'\\begin{itemize}\\item $$'.repeat(400)}[/latex]`],
    ['LaTeX lists nested hundreds deep', '{{Front}}', `[latex]${'\\begin{itemize}\\item '.repeat(230)}x${'\\end{itemize}'.repeat(230)}[/latex]`],
    ['image tags that never close', '{{Front}}', '<img src="//a" alt="\\displaystyle x" '.repeat(5_000)],
    ['thousands of remote formula images', '{{Front}}'.repeat(20), '<img class="tex" src="//w.org/a.png" alt="x_1">'.repeat(2_000)],
    ['LaTeX text commands that never close', '{{Front}}', `[latex]${'\\textbf{'.repeat(1_200)}[/latex]`],
    ['typing tags that never close', '{{Front}}', '[[type:'.repeat(10_000)],
    ['deletions that never close', '{{cloze:Front}}', '{{c1::'.repeat(3_000)],
    // Eighteen of these took cloze.ts's brace-counting retries five seconds; each one more doubles it.
    ['deletions whose braces never balance', '{{cloze:Front}}', '{{c1::{}}'.repeat(4_000)],
    ['deletions nested thirty thousand deep', '{{cloze:Front}}', '{{c1::'.repeat(30_000) + 'x' + '}}'.repeat(30_000)],
    ['template tags that never close', '{{'.repeat(20_000), 'x'],
    ['sections nested thousands deep', '{{#Front}}'.repeat(5_000), 'x'],
    ['a field of formulas repeated by the template', '{{Front}}'.repeat(800), '\\(x_1\\) '.repeat(500)],
  ];

  it.each(hostile)('stays fast with %s', (_, template, field) => {
    const noteType: AnkiNoteTypeLike = { name: 'N', kind: 'normal', fields: ['Front'], templates: [{ name: 'C', front: template, back: '{{FrontSide}}' }] };
    const started = performance.now();
    const sides = renderAnkiCard({ noteType, fields: { Front: field }, ord: 1, tags: [], deckName: 'D' });
    expect(typeof sides.back).toBe('string');
    expect(performance.now() - started).toBeLessThan(5_000);
    // Output stays proportional to the input, whatever the template repeats.
    expect(sides.back.length).toBeLessThan(20_000_000);
  });
});
