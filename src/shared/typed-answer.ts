// The comparison Anki's reviewer shows for a typed answer: part of the contract, so the card and the docs agree.
import { diffChars } from 'diff';

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const span = (kind: 'typeGood' | 'typeBad' | 'typeMissed', text: string) => (text ? `<span class="${kind}">${escape(text)}</span>` : '');

/** Letters as one sequence of characters each (composed accents), or with accents dropped for `type:nc:`. */
function letters(text: string, ignoreAccents: boolean): string {
  return ignoreAccents ? text.normalize('NFKD').replace(/\p{M}/gu, '').normalize('NFC') : text.normalize('NFC');
}

/**
 * HTML for the answer side, in the shape Anki writes (`#typeans`, `.typeGood`, `.typeBad`,
 * `.typeMissed`, `#typearrow`), so note types' own CSS applies: nothing typed shows the expected
 * answer; a match shows it as good; otherwise the typed line marks wrong characters bad and left-out
 * ones as dashes, and below an arrow the expected line marks what was missed. `expected` is plain
 * text; both are escaped here.
 */
export function typedAnswerHtml(typed: string, expected: string, options: { ignoreAccents?: boolean } = {}): string {
  const ignoreAccents = options.ignoreAccents ?? false;
  const wanted = expected.trim().normalize('NFC');
  if (typed === '') return `<code id="typeans">${escape(wanted)}</code>`;
  const given = letters(typed, ignoreAccents);
  const target = letters(wanted, ignoreAccents);
  if (given === target) return `<code id="typeans">${span('typeGood', wanted)}</code>`;
  let typedLine = '';
  let expectedLine = '';
  let replacing = false;
  // Shown in the expected line as written (accents kept), walked in step with the compared letters.
  let at = 0;
  const original = [...wanted];
  const take = (count: number) => {
    const part = original.slice(at, at + count).join('');
    at += count;
    return part;
  };
  for (const change of diffChars(given, target)) {
    const count = [...change.value].length;
    if (change.removed) {
      typedLine += span('typeBad', change.value);
      replacing = true;
    } else if (change.added) {
      // Right after wrong characters, the expected ones replace them; otherwise they were left out.
      if (!replacing) typedLine += span('typeMissed', '-'.repeat(count));
      expectedLine += span('typeMissed', take(count));
      replacing = false;
    } else {
      typedLine += span('typeGood', change.value);
      expectedLine += span('typeGood', take(count));
      replacing = false;
    }
  }
  return `<code id="typeans">${typedLine}<br><span id="typearrow">&darr;</span><br>${expectedLine}</code>`;
}
