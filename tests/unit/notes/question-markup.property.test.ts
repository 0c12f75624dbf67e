// The linear question-text passes against the regular expressions they replace, on random markup; and their promise when given only the start of a field.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PLAIN_QUESTION, plainQuestion, type Pass } from '../../../src/core/notes/question-markup';
import { questionKey } from '../../../src/core/notes/duplicates';
import { plainQuestionByRegex, questionKeyByRegex } from '../reference/regex-scans';

// Pieces of every construct the passes read, so random text often forms (and breaks) real syntax.
const PIECES = [
  '```', '```py\n', '`', '``', '\n', ' ', '\t', 'x', 'Ab', '9', '1.', '2)', '#', '##', '>', '*', '**', '-', '_', '__',
  '<', '>', '<b>', '</b>', '<br>', '&nbsp;', '&nb', '&', ';', '[', ']', '(', ')', '![', '](', '[a](b)', '![i](p.png)',
  '{{c1::', '{{c1,2::', '}}', '::', 'é', '\u00a0', '\u2028', '\u2029', '\r', '\r\n',
];
const markup = fc.array(fc.constantFrom(...PIECES), { maxLength: 300 }).map((pieces) => pieces.join(''));

describe('plain question text', () => {
  it('is what the regular expressions gave, for any markup and any length cut', () => {
    fc.assert(
      fc.property(markup, fc.constantFrom(1, 5, 40, 120, 10_000), (text, max) => {
        expect(plainQuestion(text, max)).toBe(plainQuestionByRegex(text, max));
      }),
      { numRuns: 2000 },
    );
  });

  it('keys duplicates as the regular expressions did', () => {
    fc.assert(
      fc.property(markup, (text) => {
        expect(questionKey(text)).toBe(questionKeyByRegex(text));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('the passes, given only the start of a field', () => {
  // The chain run on a prefix must give the start of what it gives on the whole text: that is
  // what lets a list line stop reading a long field early.
  const whole = (text: string) => PLAIN_QUESTION.reduce((input, pass) => pass(input, true), text);
  const start = (text: string) => PLAIN_QUESTION.reduce((input, pass) => pass(input, false), text);

  it('settle only output the rest of the text cannot change', () => {
    fc.assert(
      fc.property(markup, fc.nat(), (text, at) => {
        const cut = at % (text.length + 1);
        expect(whole(text).startsWith(start(text.slice(0, cut)))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('each keep that promise on their own', () => {
    fc.assert(
      fc.property(markup, fc.nat(), fc.constantFrom(...PLAIN_QUESTION), (text, at, pass: Pass) => {
        const cut = at % (text.length + 1);
        expect(pass(text, true).startsWith(pass(text.slice(0, cut), false))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});
