// A key-points answer ends with the note's Source; on screen it belongs after the points, not between question and points.

/**
 * The back without its trailing top-level `.source` block, and that block ('' when there is none).
 * Parsed in an inert template (nothing loads or runs); both parts still go through the sanitiser.
 */
export function splitSource(html: string): { body: string; source: string } {
  const template = document.createElement('template');
  template.innerHTML = html;
  const last = template.content.lastElementChild;
  if (!last || !last.classList.contains('source')) return { body: html, source: '' };
  last.remove();
  return { body: template.innerHTML, source: last.outerHTML };
}
