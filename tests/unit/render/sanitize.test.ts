// @vitest-environment jsdom
// Card HTML is untrusted: what the renderer lets through DOMPurify, and what it maps or drops.
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../src/core/render/markdown';
import { setMediaResolver } from '../../../src/renderer/render/media-url';
import { sanitize } from '../../../src/renderer/render/sanitize';

setMediaResolver((name) => `app://interleave/media/${encodeURIComponent(name)}`);

describe('sanitised card HTML', () => {
  it('never keeps scripts, event handlers, javascript: links, frames, forms or style elements', () => {
    const dirty =
      '<p onclick="steal()">hi</p><script>alert(1)</script><img src="x.png" onerror="alert(2)">' +
      '<a href="javascript:alert(3)">link</a><iframe src="https://evil.example"></iframe>' +
      '<form action="https://evil.example"><input name="q"></form><style>body{display:none}</style>' +
      '<svg><script>alert(4)</script><animate onbegin="alert(5)"/></svg>';
    const clean = sanitize(dirty);
    expect(clean).not.toMatch(/script|onerror|onclick|onbegin|javascript:|iframe|<form|<input|<style/i);
    expect(clean).toContain('<p>hi</p>');
  });

  it('maps a media file name to the media URL and blocks remote images (no tracking pixels)', () => {
    const clean = sanitize('<img src="diagram 1.png"><img src="https://tracker.example/p.gif"><img src="../../etc/passwd">');
    expect(clean).toContain('src="app://interleave/media/diagram%201.png"');
    expect(clean).not.toMatch(/\ssrc="https:\/\/tracker/);
    expect(clean).toContain('data-blocked-src="https://tracker.example/p.gif"');
    expect(clean).not.toMatch(/\ssrc="[^"]*passwd/);
  });

  it('opens web links in a new context without referrer', () => {
    expect(sanitize('<a href="https://arxiv.org/abs/1706.03762">paper</a>')).toContain('rel="noopener noreferrer"');
  });

  it('drops every link that is not an HTML link to a web page: app routes, SVG links, image maps', () => {
    const clean = sanitize(
      '<a href="#/import?file=0123">in-app</a>' +
        '<svg><a href="#/settings"><rect width="10" height="10"/></a><a xlink:href="https://evil.example/phish"><text>svg</text></a></svg>' +
        '<img usemap="#m"><map name="m"><area shape="rect" coords="0,0,9,9" href="#/export"></map>',
    );
    expect(clean).not.toMatch(/href=/);
    expect(clean).toContain('in-app');
  });

  it('keeps KaTeX output intact: MathML and the positioning styles it needs', () => {
    const html = renderMarkdown('Energy $E = mc^2$ and $$\\frac{a}{b}$$');
    const clean = sanitize(html);
    expect(clean).toContain('class="katex"');
    expect(clean).toContain('<math');
    expect(clean).toMatch(/style="[^"]*height/);
  });

  it('keeps highlighted code', () => {
    const clean = sanitize(renderMarkdown('```python\ndef f(x):\n    return x\n```'));
    expect(clean).toContain('<span class="hljs-keyword">def</span>');
  });
});
