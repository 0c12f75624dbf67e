// Question texts as a person reads them: the HTML entities that imported notes carry (`&quot;`, `c&#x27;est`) decoded.
import { decodeHTMLStrict } from 'entities';

/**
 * Only entities closed by `;` are decoded (the strict mode of the HTML rules): a question cut short
 * in the middle of one (`c&#x2…`) keeps the fragment as written rather than turning it into a
 * control character, and a bare `&` (`AT&T`) is left alone.
 */
export function readableText(text: string): string {
  return text.includes('&') ? decodeHTMLStrict(text) : text;
}
