// Formulas delivered as remote images (decks scraped from Wikipedia and the like), drawn offline from the TeX or MathML they carry.
import { forwardFinder } from '../text/forward-finder';

export interface RemoteFormula {
  start: number;
  end: number;
  /** The TeX the image stands for; null when it carries none (its MathML, if any, is shown instead). */
  tex: string | null;
  display: boolean;
}

const REMOTE = /^(?:https?:)?\/\//i;
/** Image services that render TeX, and the classes scrapers give formula images. */
const MATH_SOURCE = /wikimedia\.org\/(?:api\/rest_v1\/media\/math|math)|upload\.wikimedia\.org\/math|latex\.codecogs\.com|mathurl|\/math\/render\//i;
const MATH_CLASS = /(?:^|\s)(?:mwe-math-fallback-image(?:-inline|-display)?|tex|latex|math|mathimg)(?:\s|$)/i;
const TEX_ATTRIBUTES = ['data-tex', 'data-latex', 'data-formula', 'data-equation'];

/** `name="value"`, `name='value'` or `name=value` attributes of one tag (its text from `<` to `>`). */
function attributes(tag: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of tag.matchAll(/([^\s"'<>/=]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/g)) {
    const name = match[1]!.toLowerCase();
    if (!found.has(name)) found.set(name, match[2] ?? match[3] ?? match[4] ?? '');
  }
  return found;
}

/**
 * Remote images that are formulas: a TeX attribute (`data-tex`, `data-latex` …), or a formula
 * class or rendering service with the TeX in `alt` (Wikipedia writes `{\displaystyle …}` there).
 * Values are returned as written, entities and all. Found in one pass; other images are not touched.
 */
export function findRemoteFormulas(html: string): RemoteFormula[] {
  const found: RemoteFormula[] = [];
  const tagEnd = forwardFinder(html, '>');
  const opener = /<img\b/gi;
  let open: RegExpExecArray | null;
  while ((open = opener.exec(html))) {
    const end = tagEnd(open.index + 4);
    if (end < 0) break;
    const tag = html.slice(open.index, end + 1);
    opener.lastIndex = end + 1;
    const attrs = attributes(tag);
    if (!REMOTE.test(attrs.get('src') ?? '')) continue;
    const named = TEX_ATTRIBUTES.map((name) => attrs.get(name)).find((value) => value !== undefined && value.trim() !== '');
    const classes = attrs.get('class') ?? '';
    const alt = attrs.get('alt')?.trim() ?? '';
    const mathy = named !== undefined || MATH_CLASS.test(classes) || MATH_SOURCE.test(attrs.get('src') ?? '') || /\\(?:displaystyle|textstyle)\b/.test(alt);
    if (!mathy) continue;
    found.push({ start: open.index, end: end + 1, tex: named ?? (alt || null), display: /display/i.test(classes) });
  }
  return found;
}

/**
 * Shows the MathML Wikipedia hides for screen readers (`display: none` on its `mwe-math-mathml`
 * spans), for formulas whose image carried no TeX to draw them from.
 */
export function revealHiddenMathml(html: string): string {
  return html.replace(/(<span\b[^>]{0,300}?class="[^"]{0,200}mwe-math-mathml[^"]{0,200}"[^>]{0,300}?)\sstyle="\s*display:\s*none;?\s*"/gi, '$1');
}
