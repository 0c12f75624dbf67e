// Anki's [latex] documents with display math and lists, and [$]/[$$] bodies that bring their own delimiters, drawn rather than shown as source.
import { describe, expect, it } from 'vitest';
import { renderAnkiMarkup } from '../../../src/core/render/anki-markup';

const drawn = (html: string) => [...html.matchAll(/<annotation encoding="application\/x-tex">([\s\S]*?)<\/annotation>/g)].map((m) => m[1]);
const displayCount = (html: string) => html.split('class="katex-display"').length - 1;
const source = (html: string) => html.includes('latex-source');

describe('[latex] documents', () => {
  it('text with display math: the text as text, the $$…$$ as display math', () => {
    const html = renderAnkiMarkup('[latex]The Gaussian integral is<br>$$\\int_{-\\infty}^{\\infty} e^{-x^2}\\,dx = \\sqrt{\\pi}$$<br>which appears everywhere.[/latex]');
    expect(source(html)).toBe(false);
    expect(displayCount(html)).toBe(1);
    expect(drawn(html)).toContain('\\int_{-\\infty}^{\\infty} e^{-x^2}\\,dx = \\sqrt{\\pi}');
    expect(html).toContain('The Gaussian integral is');
    expect(html).toContain('which appears everywhere.');
  });

  it('\\[…\\] and math environments between text are display math too', () => {
    const html = renderAnkiMarkup('[latex]So \\[a^2 + b^2 = c^2\\] and \\begin{align*} x &= 1 \\\\ y &= 2 \\end{align*} hold.[/latex]');
    expect(source(html)).toBe(false);
    expect(displayCount(html)).toBe(2);
  });

  it('itemize is a bulleted list, enumerate a numbered one, their items’ $…$ drawn', () => {
    const bullets = renderAnkiMarkup('[latex]\\begin{itemize}\\item Bias: $E[\\hat\\theta] - \\theta$\\item Variance\\end{itemize}[/latex]');
    expect(source(bullets)).toBe(false);
    expect(bullets.match(/<li>/g)).toHaveLength(2);
    expect(bullets).toMatch(/^<ul class="latex-list">/);
    expect(drawn(bullets).join(' ')).toContain('E[\\hat\\theta] - \\theta');
    const numbers = renderAnkiMarkup('[latex]Steps:\\begin{enumerate}\n\\item Forward\n\\item Backward\n\\end{enumerate}[/latex]');
    expect(numbers).toContain('<ol class="latex-list">');
    expect(numbers.match(/<li>/g)).toHaveLength(2);
    expect(source(numbers)).toBe(false);
  });

  it('lists nest', () => {
    const html = renderAnkiMarkup('[latex]\\begin{itemize}\\item Outer\\begin{enumerate}\\item Inner one\\item Inner two\\end{enumerate}\\item Last\\end{itemize}[/latex]');
    expect(html.match(/<li>/g)).toHaveLength(4);
    expect(html.indexOf('<ol')).toBeGreaterThan(html.indexOf('<ul'));
    expect(source(html)).toBe(false);
  });

  it('keeps paragraphs: a blank line starts a new one', () => {
    const html = renderAnkiMarkup('[latex]First paragraph.<br><br>Second paragraph.[/latex]');
    expect(html.match(/<p>/g)).toHaveLength(2);
  });

  it('shows only the part KaTeX cannot read as source, the rest drawn', () => {
    const html = renderAnkiMarkup('[latex]Before $$x$$ \\begin{tikzpicture}\\draw (0,0);\\end{tikzpicture}[/latex]');
    expect(displayCount(html)).toBe(1);
    expect(html).toContain('<code class="latex-source">\\begin{tikzpicture}\\draw (0,0);\\end{tikzpicture}</code>');
  });
});

describe('[$] and [$$] that bring their own delimiters', () => {
  it('[$$]$$…$$[/$$] and [$$]\\[…\\][/$$] are the formula inside', () => {
    expect(drawn(renderAnkiMarkup('[$$]$$\\sum_i x_i$$[/$$]'))).toEqual(['\\sum_i x_i']);
    expect(drawn(renderAnkiMarkup('[$$]\\[\\sum_i x_i\\][/$$]'))).toEqual(['\\sum_i x_i']);
  });

  it('[$]$…$[/$] is the formula inside, inline', () => {
    const html = renderAnkiMarkup('[$]$x^2$[/$]');
    expect(drawn(html)).toEqual(['x^2']);
    expect(displayCount(html)).toBe(0);
  });

  it('a [$$] body with text and a list is read as a document', () => {
    const html = renderAnkiMarkup('[$$]\\begin{itemize}\\item $a$\\item $b$\\end{itemize}[/$$]');
    expect(source(html)).toBe(false);
    expect(html.match(/<li>/g)).toHaveLength(2);
  });
});
