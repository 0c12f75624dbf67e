// A key-points answer ends with the note's Source; on screen it belongs after the points, not between question and points.

/** Trailing blocks that follow the points on screen: the Source, and a story's guidance. */
const AFTER_POINTS = ['source', 'after-points'];

/**
 * The back without its trailing top-level `.source` (and `.after-points`) blocks, and those blocks
 * in order ('' when there are none). Parsed in an inert template (nothing loads or runs); both
 * parts still go through the sanitiser.
 */
export function splitSource(html: string): { body: string; source: string } {
  const template = document.createElement('template');
  template.innerHTML = html;
  const moved: string[] = [];
  for (let last = template.content.lastElementChild; last && AFTER_POINTS.some((name) => last!.classList.contains(name)); last = template.content.lastElementChild) {
    moved.unshift(last.outerHTML);
    last.remove();
  }
  if (moved.length === 0) return { body: html, source: '' };
  return { body: template.innerHTML, source: moved.join('') };
}
