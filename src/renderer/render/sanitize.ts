// The only door for card HTML into the page: DOMPurify, with media names mapped and remote content dropped.
// Card HTML comes with the styles of what the service draws in it (formulas, highlighted code),
// loaded with the first screen that shows a card rather than before the decks.
import 'katex/dist/katex.min.css';
import 'highlight.js/styles/github.css';
import DOMPurify from 'dompurify';
import { mediaUrl } from './media-url';

const MEDIA_NAME = /^[^/\\:?#\0]+$/;

DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node instanceof HTMLImageElement || node instanceof HTMLAudioElement || node instanceof HTMLSourceElement) {
    const src = node.getAttribute('src') ?? '';
    if (/^data:image\/(png|jpe?g|gif|webp);/i.test(src)) return;
    let name = src;
    try {
      name = decodeURIComponent(src);
    } catch {
      /* keep as written */
    }
    if (MEDIA_NAME.test(name) && name !== '.' && name !== '..') node.setAttribute('src', mediaUrl(name));
    else {
      // Remote images would tell a third party when the learner studies; they are not loaded.
      node.removeAttribute('src');
      node.setAttribute('data-blocked-src', src.slice(0, 200));
    }
  }
  // Links: only an HTML <a> to a web page survives, and it opens outside the app. Every other
  // href goes, SVG <a>, <area> and xlink:href included: a link to one of the app's own routes (or a
  // page dressed up as the app) is a click away from acting for the learner.
  if (node.hasAttribute('href') || node.hasAttribute('xlink:href')) {
    const href = node.getAttribute('href') ?? '';
    if (node instanceof HTMLAnchorElement && /^https?:\/\//i.test(href)) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    } else {
      node.removeAttribute('href');
      node.removeAttribute('xlink:href');
    }
  }
});

/** Sanitises untrusted card HTML: no scripts, no event handlers, no forms, no frames, no style elements. */
export function sanitize(html: string): string {
  return DOMPurify.sanitize(html, {
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'frame', 'object', 'embed', 'link', 'meta', 'base'],
    FORBID_ATTR: ['srcset', 'action', 'formaction', 'ping'],
    ALLOW_DATA_ATTR: false,
  });
}
