// An Anki field's HTML as the Markdown the native deck format holds: entities decoded, line breaks, emphasis, lists and tables kept, formulas and Anki's tags left as they are.
import TurndownService from 'turndown';
import { gfm } from 'turndown-plugin-gfm';

/**
 * Spans written verbatim, never escaped: formulas (`\(…\)`, `\[…\]`, Anki's `[$]…[/$]`, `[$$]…[/$$]`,
 * `[latex]…[/latex]`) and sound tags. Escaping a backslash or a bracket in them would break them.
 */
const VERBATIM = /\\\(.*?\\\)|\\\[.*?\\\]|\[\$\$\].*?\[\/\$\$\]|\[\$\].*?\[\/\$\]|\[latex\].*?\[\/latex\]|\[sound:[^\]]*\]/gis;

let service: TurndownService | null = null;

function turndown(): TurndownService {
  if (service) return service;
  const made = new TurndownService({
    headingStyle: 'atx',
    codeBlockStyle: 'fenced',
    emDelimiter: '*',
    strongDelimiter: '**',
    bulletListMarker: '-',
    // A backslash at the end of a line is a hard line break in CommonMark, and survives the file's
    // trimming of trailing spaces (two spaces would not).
    br: '\\',
  });
  made.use(gfm);
  // Underline, sub- and superscripts have no Markdown: kept as HTML, which fields may hold.
  made.keep(['u', 'sub', 'sup']);
  // `##` and `###` start cards and fields in a deck file: headings in a field are level 4 or deeper.
  made.addRule('field-heading', {
    filter: ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'],
    replacement: (content, node) => `\n\n${'#'.repeat(Math.max(4, Number(node.nodeName.charAt(1))))} ${content.trim()}\n\n`,
  });
  const escapeMarkdown = TurndownService.prototype.escape.bind(made);
  made.escape = (text: string) => {
    let out = '';
    let at = 0;
    for (const match of text.matchAll(VERBATIM)) {
      out += escapeText(text.slice(at, match.index), escapeMarkdown) + match[0];
      at = match.index + match[0].length;
    }
    return out + escapeText(text.slice(at), escapeMarkdown);
  };
  service = made;
  return made;
}

/**
 * Text as Markdown reads it back as text: turndown's escapes, and three more. A `$` would open a
 * formula here (in Anki's HTML it is a dollar), a `<` could start a tag, and `&` before a name and a
 * semicolon would be read as an entity.
 */
function escapeText(text: string, escapeMarkdown: (text: string) => string): string {
  return escapeMarkdown(text)
    .replace(/\$/g, '\\$')
    .replace(/</g, '\\<')
    .replace(/&(?=#?[a-z0-9]+;)/gi, '\\&');
}

export function htmlToMarkdown(html: string): string {
  if (!/[<&]/.test(html) && !/[\\*_`[\]#>$~|-]/.test(html)) return html;
  return turndown()
    .turndown(html)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
