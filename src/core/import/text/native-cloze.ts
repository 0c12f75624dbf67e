// Writes other apps' cloze deletions as native `{{cN::answer::hint}}`, refusing any the native parser would misread.
import { parseCloze, plainText } from '../../notes/cloze';
import { codeSpans, insideSpans } from './code-spans';

/**
 * The native text of one deletion, or null when it cannot be written so that it reads back the same.
 * A `::` in the answer would start a hint, so outside code it is written `:\:`, which Markdown shows
 * as `::`; inside inline code no escape is possible, and neither is a `}}` that would close the
 * deletion early — those give null, and the importer reports the card instead of changing it.
 */
export function nativeDeletion(ord: number, answer: string, hint: string | null): string | null {
  const spans = answer.includes('`') ? codeSpans(answer) : [];
  let escaped = '';
  for (let at = 0; at < answer.length; at++) {
    escaped += answer[at];
    if (answer[at] === ':' && answer[at + 1] === ':' && !insideSpans(spans, at)) escaped += '\\';
  }
  const text = `{{c${ord}::${escaped}${hint ? `::${hint}` : ''}}}`;
  try {
    const segments = parseCloze(text);
    const node = segments[0];
    if (segments.length !== 1 || node === undefined || typeof node === 'string') return null;
    if (node.end !== text.length || node.ord !== ord || plainText(node.content) !== escaped || node.hint !== (hint || null)) return null;
  } catch {
    return null;
  }
  return text;
}
