// The comparison Anki shows for a typed answer: typed text with wrong characters marked, an arrow, the expected text with missed ones marked.
import { describe, expect, it } from 'vitest';
import { typedAnswerHtml } from '../../../src/shared/typed-answer';

describe('comparing a typed answer with the expected one', () => {
  it('a right answer is the expected text, marked good', () => {
    expect(typedAnswerHtml('Paris', 'Paris')).toBe('<code id="typeans"><span class="typeGood">Paris</span></code>');
  });

  it('nothing typed shows the expected answer alone', () => {
    expect(typedAnswerHtml('', 'Paris')).toBe('<code id="typeans">Paris</code>');
  });

  it('a wrong letter is bad in the typed line and missed in the expected line', () => {
    expect(typedAnswerHtml('Parus', 'Paris')).toBe(
      '<code id="typeans"><span class="typeGood">Par</span><span class="typeBad">u</span><span class="typeGood">s</span>' +
        '<br><span id="typearrow">&darr;</span><br>' +
        '<span class="typeGood">Par</span><span class="typeMissed">i</span><span class="typeGood">s</span></code>',
    );
  });

  it('a left-out letter is a dash in the typed line; an extra one is bad', () => {
    const missing = typedAnswerHtml('Pars', 'Paris');
    expect(missing).toContain('<span class="typeGood">Par</span><span class="typeMissed">-</span><span class="typeGood">s</span><br>');
    const extra = typedAnswerHtml('Pariss', 'Paris');
    expect(extra).toContain('<span class="typeBad">s</span>');
    expect(extra.split('<br>').at(-1)).toBe('<span class="typeGood">Paris</span></code>');
  });

  it('escapes what was typed and what was expected', () => {
    expect(typedAnswerHtml('<b>', 'a < b')).not.toContain('<b>');
    expect(typedAnswerHtml('a < b', 'a < b')).toBe('<code id="typeans"><span class="typeGood">a &lt; b</span></code>');
  });

  it('compares composed and decomposed accents as the same letters, and without accents when asked (type:nc:)', () => {
    expect(typedAnswerHtml('cafe\u0301', 'café')).toBe('<code id="typeans"><span class="typeGood">café</span></code>');
    expect(typedAnswerHtml('cafe', 'café', { ignoreAccents: true })).toBe('<code id="typeans"><span class="typeGood">café</span></code>');
    expect(typedAnswerHtml('cafe', 'café')).toContain('typeBad');
  });
});
