// What a cache keeps of a drawn card or question line is the same text, whatever it holds.
import { describe, expect, it } from 'vitest';
import { keptText } from '../../../src/main/service/kept-text';

describe('text kept by a cache', () => {
  it('is the text it was given, built piece by piece or not, with any characters', () => {
    let built = '';
    for (let i = 0; i < 300; i++) built += `<span class="mord">${i}</span>`;
    for (const text of ['', 'a', built, 'é ∑ 😀 \ud800 lone surrogate', `${built}\u0000${built}`]) expect(keptText(text)).toBe(text);
  });
});
