// Which kind of Markdown flashcard file a text is, so the app can pick its importer.

export type MarkdownFlavor = 'interleave' | 'obsidian' | 'logseq' | null;

// Enough of a file to tell; a flashcard file shows its kind in its first lines.
const SAMPLE_LINES = 2000;
const SAMPLE_CHARS = 1 << 20;
const BULLET = /^[ \t]*-(?: |$)/;
const LOGSEQ_PROPERTY = /^[ \t]*[A-Za-z0-9_][\w.\-/]*:: /;
const LOGSEQ_CARD = /(?:^|\s)(?:#card|#\[\[card\]\]|\[\[card\]\])(?=$|[\s.,;:!?)])|\{\{cloze /;
const LOGSEQ_SRS = /^[ \t]*card-(?:last-interval|repeats|next-schedule|last-reviewed|ease-factor|last-score)::/;

/**
 * - `interleave`: front matter with `deck:`, then `## id` card headings (the native format);
 * - `obsidian`: the Spaced Repetition plugin's `<!--SR:` comments or `#flashcards` tags, else its
 *   `Q::A` lines, `?`/`??` separator lines or `==highlight==` clozes;
 * - `logseq`: an outline of `- ` blocks with `#card`, `{{cloze …}}` or `card-…::` properties, or an
 *   outline with `key:: value` properties (checked before Obsidian's `::`, which those resemble);
 * - null when none fits.
 */
export function detectMarkdownFlavor(text: string): MarkdownFlavor {
  const lines = text.slice(0, SAMPLE_CHARS).replace(/^\uFEFF/, '').split(/\r\n|\r|\n/, SAMPLE_LINES);
  if (isNativeDeck(lines)) return 'interleave';

  let bullets = 0;
  let nonBlank = 0;
  let properties = 0;
  let logseqCards = 0;
  let obsidianStrong = 0;
  let obsidianWeak = 0;
  let fence: string | null = null;
  for (const line of lines) {
    const trimmed = line.trim();
    const run = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (run) fence = fence === null ? run : run[0] === fence[0] && run.length >= fence.length ? null : fence;
    if (fence !== null || run) continue;
    if (trimmed === '') continue;
    nonBlank++;
    if (BULLET.test(line)) bullets++;
    const withoutCode = line.replace(/`[^`]*`/g, '');
    if (LOGSEQ_PROPERTY.test(line)) properties++;
    if (LOGSEQ_SRS.test(line) || (BULLET.test(line) && LOGSEQ_CARD.test(withoutCode))) logseqCards++;
    if (withoutCode.includes('<!--SR:') || /(?:^|\s)#flashcards(?:\/|\s|$)/i.test(withoutCode)) obsidianStrong++;
    else if (trimmed === '?' || trimmed === '??' || /==[^=\s][^=]*==/.test(withoutCode) || (withoutCode.includes('::') && !LOGSEQ_PROPERTY.test(line))) obsidianWeak++;
  }
  if (obsidianStrong > 0 && obsidianStrong >= logseqCards) return 'obsidian';
  if (logseqCards > 0) return 'logseq';
  const outline = nonBlank > 0 && bullets / nonBlank >= 0.5;
  if (outline && properties > 0) return 'logseq';
  if (obsidianWeak > 0) return 'obsidian';
  return null;
}

function isNativeDeck(lines: readonly string[]): boolean {
  let index = 0;
  while (index < lines.length && lines[index]!.trim() === '') index++;
  if (lines[index]?.trim() !== '---') return false;
  let deck = false;
  for (index++; index < lines.length && index < 100; index++) {
    const line = lines[index]!;
    if (line.trim() === '---') break;
    if (/^deck\s*:\s*\S/i.test(line)) deck = true;
  }
  if (!deck || lines[index]?.trim() !== '---') return false;
  return lines.slice(index + 1).some((line) => /^##(?!#)\s*\S/.test(line));
}
