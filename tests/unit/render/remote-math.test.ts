// Formulas that decks scraped from Wikipedia carry as remote images, drawn offline from the TeX or MathML they come with.
import { describe, expect, it } from 'vitest';
import { renderAnkiMarkup } from '../../../src/core/render/anki-markup';

const drawn = (html: string) => [...html.matchAll(/<annotation encoding="application\/x-tex">([\s\S]*?)<\/annotation>/g)].map((m) => m[1]);

/** A formula as Wikipedia's HTML gives it: MathML for screen readers (hidden), and an SVG rendered on Wikimedia's servers. */
function wikipediaFormula(tex: string, display = false): string {
  const mode = display ? 'display' : 'inline';
  const escaped = tex.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return (
    `<span class="mwe-math-element"><span class="mwe-math-mathml-${mode} mwe-math-mathml-a11y" style="display: none;">` +
    `<math xmlns="http://www.w3.org/1998/Math/MathML" alttext="${escaped}"><semantics><mrow><mi>x</mi></mrow>` +
    `<annotation encoding="application/x-tex">${escaped}</annotation></semantics></math></span>` +
    `<img src="https://wikimedia.org/api/rest_v1/media/math/render/svg/0a1b2c" class="mwe-math-fallback-image-${mode}" aria-hidden="true" ` +
    `style="vertical-align: -0.338ex; width:2.418ex; height:2.676ex;" alt="${escaped}"></span>`
  );
}

describe('remote math images', () => {
  it('a Wikipedia formula is drawn from its TeX instead of the image that cannot load offline', () => {
    const html = renderAnkiMarkup(`The variance is ${wikipediaFormula('{\\displaystyle \\sigma ^{2}=E[(X-\\mu )^{2}]}')}.`);
    expect(html).not.toContain('wikimedia.org');
    expect(html).not.toContain('<img');
    // The hidden MathML stays; the drawing is KaTeX's, from the TeX.
    expect(drawn(html)).toContain('{\\displaystyle \\sigma ^{2}=E[(X-\\mu )^{2}]}');
  });

  it('display formulas stay display formulas, and entities in the TeX are decoded', () => {
    const html = renderAnkiMarkup(wikipediaFormula('{\\displaystyle a<b}', true));
    expect(html).toContain('katex-display');
    expect(html.split('class="katex"').length - 1).toBe(1);
    expect(drawn(html)).toContain('{\\displaystyle a&lt;b}');
  });

  it('reads TeX from data attributes other scrapers write', () => {
    expect(drawn(renderAnkiMarkup('<img src="https://example.org/f.png" data-tex="x^2">'))).toEqual(['x^2']);
    expect(drawn(renderAnkiMarkup('<img class="tex" src="//upload.wikimedia.org/math/a.png" alt="\\alpha + \\beta">'))).toEqual(['\\alpha + \\beta']);
  });

  it('with no TeX, the MathML Wikipedia hid behind the image is shown instead', () => {
    const noTex = wikipediaFormula('y').replace(/ alt="y"/, '').replace(/ alttext="y"/, '').replace(/<annotation[^>]*>y<\/annotation>/, '');
    const html = renderAnkiMarkup(noTex);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('display: none');
    expect(html).toContain('<math');
  });

  it('leaves other remote images and local images alone', () => {
    const photo = '<img src="https://example.org/cat.jpg" alt="a cat">';
    expect(renderAnkiMarkup(photo)).toBe(photo);
    expect(renderAnkiMarkup('<img src="formula.png" alt="x^2">')).toBe('<img src="formula.png" alt="x^2">');
  });
});
