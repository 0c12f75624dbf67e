// Anki's in-field markup: sound tags, [latex]/[$]/[$$], MathJax formulas (drawn with KaTeX, never TeX), and Anki's HTML stripping.
import { describe, expect, it } from 'vitest';
import { findAnkiMath, renderAnkiMarkup, stripHtml } from '../../../src/core/render/anki-markup';

/** The TeX of every formula KaTeX drew, from the annotation it keeps for screen readers. */
const drawn = (html: string) => [...html.matchAll(/<annotation encoding="application\/x-tex">([\s\S]*?)<\/annotation>/g)].map((m) => m[1]);
const displayCount = (html: string) => html.split('class="katex-display"').length - 1;

describe('sound tags', () => {
  it('become audio players named by the media file (the renderer maps the name)', () => {
    expect(renderAnkiMarkup('Say it: [sound:hello world.mp3]')).toBe('Say it: <audio controls src="hello world.mp3"></audio>');
  });

  it('decode entities in the name, as Anki does, and quote it safely', () => {
    expect(renderAnkiMarkup('[sound:a&amp;b".mp3]')).toBe('<audio controls src="a&#38;b&#34;.mp3"></audio>');
  });

  it('leave images and other HTML as they are', () => {
    expect(renderAnkiMarkup('<img src="cat.jpg"> <b>x</b>')).toBe('<img src="cat.jpg"> <b>x</b>');
  });

  it('drop text-to-speech directives: nothing here can speak them', () => {
    expect(renderAnkiMarkup('a[anki:tts lang=en_US]hello[/anki:tts]b')).toBe('ab');
  });
});

describe('[$], [$$] and [latex]', () => {
  it('[$] is inline math, [$$] display math', () => {
    const html = renderAnkiMarkup('a [$]x^2[/$] b [$$]\\sum_i x_i[/$$]');
    expect(drawn(html)).toEqual(['x^2', '\\sum_i x_i']);
    expect(displayCount(html)).toBe(1);
  });

  it('read tag names in any case', () => {
    expect(drawn(renderAnkiMarkup('[LaTeX]$y$[/LATEX]'))).toEqual(['y']);
  });

  it('prepare the body as Anki does: <br> and <div> are new lines, other tags go, entities are decoded', () => {
    expect(drawn(renderAnkiMarkup('[$]a <b>&lt;</b><br>b[/$]'))).toEqual(['a &lt;\nb']);
  });

  it('[latex] holding one formula draws that formula, inline or display as written', () => {
    expect(drawn(renderAnkiMarkup('[latex]$E = mc^2$[/latex]'))).toEqual(['E = mc^2']);
    const display = renderAnkiMarkup('[latex]\\[\\int_0^1 x\\,dx\\][/latex]');
    expect(drawn(display)).toEqual(['\\int_0^1 x\\,dx']);
    expect(displayCount(display)).toBe(1);
  });

  it('[latex] holding a math environment draws it as display math', () => {
    expect(drawn(renderAnkiMarkup('[latex]\\begin{align}a &= b\\\\ c &= d\\end{align}[/latex]'))).toEqual(['\\begin{align}a &amp;= b\\\\ c &amp;= d\\end{align}']);
    expect(drawn(renderAnkiMarkup('[latex]\\begin{displaymath}x\\end{displaymath}[/latex]'))).toEqual(['x']);
  });

  it('[latex] holding text is set as text that wraps like the card’s, its $…$ as math', () => {
    const html = renderAnkiMarkup('[latex]Energy is $E = mc^2$.[/latex]');
    expect(drawn(html)).toEqual(['E = mc^2']);
    expect(html).toMatch(/^Energy is <span class="katex">/);
  });

  it('shows the source when KaTeX cannot read it, and never runs TeX', () => {
    expect(renderAnkiMarkup('[latex]\\begin{tikzpicture}\\draw (0,0);\\end{tikzpicture}[/latex]')).toBe(
      '<code class="latex-source">\\begin{tikzpicture}\\draw (0,0);\\end{tikzpicture}</code>',
    );
    expect(renderAnkiMarkup('[$]\\input{/etc/passwd}[/$]')).toBe('<code class="latex-source">\\input{/etc/passwd}</code>');
  });

  it('need a closing tag and at least one character inside', () => {
    expect(renderAnkiMarkup('[$][/$] [latex]open')).toBe('[$][/$] [latex]open');
  });
});

describe('MathJax formulas', () => {
  it('\\(…\\) is inline and \\[…\\] display; $ is an ordinary character in Anki', () => {
    const html = renderAnkiMarkup('It costs $5 and $x$ \\(a^2\\) \\[b\\]');
    expect(html.startsWith('It costs $5 and $x$ ')).toBe(true);
    expect(drawn(html)).toEqual(['a^2', 'b']);
    expect(displayCount(html)).toBe(1);
  });

  it('read the formula as the page shows it: entities decoded, tags dropped', () => {
    expect(drawn(renderAnkiMarkup('\\(a &lt; b<br>&nbsp;<i>c</i>\\)'))).toEqual(['a &lt; b\n c']);
  });

  it('are not looked for inside tags, comments, styles or scripts', () => {
    expect(findAnkiMath('<a title="\\(x\\)">t</a><!-- \\(y\\) --><style>\\(z\\)</style>\\(w\\)').map((span) => span.tex)).toEqual(['w']);
  });

  it('stay text when never closed', () => {
    expect(renderAnkiMarkup('\\(open')).toBe('\\(open');
  });

  it('show a formula KaTeX rejects as marked source', () => {
    expect(renderAnkiMarkup('\\(\\frac{a}\\)')).toContain('class="math-error"');
  });
});

describe('Anki’s HTML stripping', () => {
  it('removes tags, comments, styles and scripts, then decodes entities (no-break spaces become spaces)', () => {
    expect(stripHtml('a<!-- c --><style>p{}</style><script>x()</script><b>b</b> &lt;c&gt;&nbsp;d')).toBe('ab <c> d');
  });

  it('keeps a < that no > follows', () => {
    expect(stripHtml('1 < 2')).toBe('1 < 2');
  });
});
