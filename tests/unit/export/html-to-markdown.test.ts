// An Anki field's HTML as Markdown: what the deck format holds and the app's Markdown renderer shows as Anki showed the HTML.
import { describe, expect, it } from 'vitest';
import { htmlToMarkdown } from '../../../src/main/export/html-to-markdown';
import { renderMarkdown } from '../../../src/core/render/markdown';
import { clozeOrds } from '../../../src/core/notes/cloze';

/** The Markdown as the app shows it, without KaTeX: each formula stands as its TeX in «…». */
const shown = (markdown: string) => renderMarkdown(markdown, (_key, tex, display) => `«${display ? 'display ' : ''}${tex}»`).trim();

describe('text and entities', () => {
  it('decodes character references, so the file says J’ai and not J&#x27;ai', () => {
    expect(htmlToMarkdown('J&#x27;ai pas le r&eacute;flexe &amp; c&#39;est &quot;ça&quot;')).toBe(`J'ai pas le réflexe & c'est "ça"`);
  });

  it('makes no-break spaces plain spaces, as Anki does for text', () => {
    expect(htmlToMarkdown('a&nbsp;b\u00a0c')).toBe('a b c');
  });

  it('keeps text that looks like a tag or a reference as text', () => {
    const markdown = htmlToMarkdown('&lt;b&gt;not bold&lt;/b&gt; and &amp;amp; stays');
    expect(shown(markdown)).toBe('<p>&lt;b&gt;not bold&lt;/b&gt; and &amp;amp; stays</p>');
  });

  it('escapes what Markdown would read as markup in plain text', () => {
    const cases: [string, string][] = [
      ['1. Paris', '<p>1. Paris</p>'],
      ['1) Paris', '<p>1) Paris</p>'],
      ['- dash', '<p>- dash</p>'],
      ['+ plus', '<p>+ plus</p>'],
      ['# hash', '<p># hash</p>'],
      ['&gt; quote', '<p>&gt; quote</p>'],
      ['*stars* and _under_ and `ticks`', '<p>*stars* and _under_ and `ticks`</p>'],
      ['[link](x) and ![img](y)', '<p>[link](x) and ![img](y)</p>'],
      ['~~not struck~~', '<p>~~not struck~~</p>'],
      ['a | b', '<p>a | b</p>'],
      ['back\\slash', '<p>back\\slash</p>'],
    ];
    for (const [html, rendered] of cases) expect(shown(htmlToMarkdown(html)), html).toBe(rendered);
  });

  it('escapes every dollar: in Anki’s HTML it is a dollar, in Markdown it would open a formula', () => {
    expect(htmlToMarkdown('costs $5, or $x$ in TeX')).toBe('costs \\$5, or \\$x\\$ in TeX');
    expect(shown(htmlToMarkdown('costs $5, or $x$ in TeX'))).toBe('<p>costs $5, or $x$ in TeX</p>');
  });
});

describe('line breaks and blocks', () => {
  it('writes <br> as a backslash line break, which survives the format’s trimming of trailing spaces', () => {
    expect(htmlToMarkdown('one<br>two<br/>three')).toBe('one\\\ntwo\\\nthree');
    expect(shown(htmlToMarkdown('one<br>two'))).toBe('<p>one<br>\ntwo</p>');
  });

  it('keeps an empty line made of two breaks', () => {
    expect(shown(htmlToMarkdown('one<br><br>two'))).toBe('<p>one<br>\n<br>\ntwo</p>');
  });

  it('drops a break that ends a block, which shows nothing in HTML and a stray backslash in Markdown', () => {
    expect(htmlToMarkdown('end<br>')).toBe('end');
    expect(htmlToMarkdown('<div>a<br></div><div>b</div>')).toBe('a\n\nb');
    expect(htmlToMarkdown('<ul><li><b>a<br></b></li><li>b</li></ul>')).toBe('-   **a**\n-   b');
    expect(htmlToMarkdown('a<br><ul><li>b</li></ul>')).toBe('a\n\n-   b');
    expect(htmlToMarkdown('<br><br>\\[x\\]')).toBe('\\[x\\]');
  });

  it('writes Anki’s <div> lines and paragraphs as paragraphs', () => {
    expect(htmlToMarkdown('first<div>second</div><div>third</div>')).toBe('first\n\nsecond\n\nthird');
    expect(htmlToMarkdown('<p>one</p>\n<p>two</p>')).toBe('one\n\ntwo');
  });

  it('reads newlines in the HTML source as the spaces they are in HTML', () => {
    expect(htmlToMarkdown('a sentence\nthat goes on')).toBe('a sentence that goes on');
  });

  it('writes lists as Markdown lists', () => {
    expect(htmlToMarkdown('<ul><li>one</li><li>two</li></ul>')).toBe('-   one\n-   two');
    expect(htmlToMarkdown('<ol><li>one</li><li>two</li></ol>')).toBe('1.  one\n2.  two');
    expect(shown(htmlToMarkdown('<ul><li>a<ul><li>b</li></ul></li></ul>'))).toBe('<ul>\n<li>a\n<ul>\n<li>b</li>\n</ul>\n</li>\n</ul>');
  });

  it('writes headings at level 4 or deeper, since ## and ### start cards and fields in a deck file', () => {
    expect(htmlToMarkdown('<h1>Title</h1><p>text</p>')).toBe('#### Title\n\ntext');
    expect(htmlToMarkdown('<h5>Small</h5>')).toBe('##### Small');
    expect(htmlToMarkdown('<h2>two<br>lines</h2>')).toBe('#### two lines');
    // Text that begins like a card heading is escaped, so the file reads it as text.
    expect(htmlToMarkdown('## not a card')).toBe('\\## not a card');
  });

  it('writes code as code, with nothing inside escaped', () => {
    expect(htmlToMarkdown('run <code>a*b $x$ [i]</code> now')).toBe('run `a*b $x$ [i]` now');
    expect(htmlToMarkdown('<pre><code class="language-python">x = a * b\n\nprint(x)</code></pre>')).toBe('```python\nx = a * b\n\nprint(x)\n```');
    expect(htmlToMarkdown('<pre>line one\n  line *two*</pre>')).toBe('```\nline one\n  line *two*\n```');
  });
});

describe('emphasis', () => {
  it('keeps bold, italics, underline, strikethrough, sub- and superscripts', () => {
    expect(htmlToMarkdown('<b>bold</b> <strong>strong</strong> <i>it</i> <em>em</em>')).toBe('**bold** **strong** *it* *em*');
    expect(shown(htmlToMarkdown('<u>under</u> <s>struck</s> H<sub>2</sub>O x<sup>2</sup>'))).toBe('<p><u>under</u> <s>struck</s> H<sub>2</sub>O x<sup>2</sup></p>');
  });

  it('moves spaces out of the markers, where Markdown would not read them as emphasis', () => {
    expect(shown(htmlToMarkdown('<b>word </b>next'))).toBe('<p><strong>word</strong> next</p>');
  });

  it('keeps emphasis that ends in punctuation against a letter, which ** cannot express', () => {
    expect(shown(htmlToMarkdown('<b>(a)</b>b and a<i>"b"</i>'))).toBe('<p><strong>(a)</strong>b and a<em>&quot;b&quot;</em></p>');
  });

  it('drops styling Markdown has no words for, keeping the text', () => {
    expect(htmlToMarkdown('<span style="color: red">red</span> <font face="Arial">font</font>')).toBe('red font');
  });
});

describe('tables', () => {
  it('writes a table with a heading row as a pipe table, a | in a cell escaped and a break as <br>', () => {
    const markdown = htmlToMarkdown('<table><tr><th>term</th><th>meaning</th></tr><tr><td>a|b</td><td>one<br>two</td></tr></table>');
    expect(markdown).toBe('| term | meaning |\n| --- | --- |\n| a\\|b | one<br>two |');
    expect(shown(markdown)).toContain('<td>a|b</td>\n<td>one<br>two</td>');
  });

  it('keeps a table without a heading row, or with merged cells, as HTML on consecutive lines', () => {
    const markdown = htmlToMarkdown('<table>\n\n<tr><td>a &amp; b</td>\n\n<td>2</td></tr></table><p>after</p>');
    expect(markdown).toBe('<table><tbody><tr><td>a &amp; b</td><td>2</td></tr></tbody></table>\n\nafter');
    expect(shown(markdown)).toContain('<td>a &amp; b</td>');
    expect(htmlToMarkdown('<table><tr><th colspan="2">h</th></tr><tr><td>1</td><td>2</td></tr></table>')).toMatch(/^<table>/);
    // A blank line would end the HTML block, and Markdown would read the rest of the table.
    expect(htmlToMarkdown('<table><tr><td><pre>a\n\nb</pre></td></tr></table>')).toBe('<table><tbody><tr><td><pre>a\nb</pre></td></tr></tbody></table>');
  });
});

describe('Anki’s own markup', () => {
  it('leaves MathJax formulas as they are, their references decoded and their tags dropped', () => {
    expect(htmlToMarkdown('\\(a &lt; b_1 * c\\) and \\[\\frac{x}{y}\\]')).toBe('\\(a < b_1 * c\\) and \\[\\frac{x}{y}\\]');
    expect(htmlToMarkdown('\\(x_<b>1</b>\\)')).toBe('\\(x_1\\)');
    expect(shown(htmlToMarkdown('\\(a &lt; b_1\\)'))).toBe('<p>«a < b_1»</p>');
  });

  it('leaves [latex], [$], [$$] and [sound:] tags as they are, a <br> in LaTeX a newline as Anki makes it', () => {
    expect(htmlToMarkdown('[$]x_1 * y_2[/$] and [$$]\\sum_i[/$$]')).toBe('[$]x_1 * y_2[/$] and [$$]\\sum_i[/$$]');
    expect(htmlToMarkdown('[latex]\\begin{align}a &amp;= b\\\\<br>c &amp;= d\\end{align}[/latex]')).toBe('[latex]\\begin{align}a &= b\\\\\nc &= d\\end{align}[/latex]');
    expect(htmlToMarkdown('[sound:my_file-1.mp3]')).toBe('[sound:my_file-1.mp3]');
  });

  it('keeps cloze deletions, their hints and the formulas inside them', () => {
    expect(htmlToMarkdown('{{c1::J&#x27;ai::I have}} <b>{{c2::mang&eacute;}}</b>')).toBe(`{{c1::J'ai::I have}} **{{c2::mangé}}**`);
    const inFormula = htmlToMarkdown('\\(p = {{c1::\\frac{a}{b}}}\\)');
    expect(inFormula).toBe('\\(p = {{c1::\\frac{a}{b}}}\\)');
    expect(clozeOrds(htmlToMarkdown('{{c1::a_b * c}} and {{c2::[x]}}'))).toEqual([1, 2]);
  });

  it('leaves a malformed deletion such as {{c1L::…}} as the text Anki showed', () => {
    const markdown = htmlToMarkdown('Tu as oublié ? {{c1L::Je me souviens de::I remember}} ce que j&#x27;ai dit.');
    expect(markdown).toBe(`Tu as oublié ? {{c1L::Je me souviens de::I remember}} ce que j'ai dit.`);
    expect(clozeOrds(markdown)).toEqual([]);
  });
});

describe('images and links', () => {
  it('writes images and links, a name with spaces in angle brackets', () => {
    expect(htmlToMarkdown('<img src="diagram one.png"> <a href="https://example.org/a_b">see</a>')).toBe('![](<diagram one.png>) [see](https://example.org/a_b)');
  });
});

describe('hostile fields', () => {
  it('converts fields nested or broken hundreds of thousands deep without failing', () => {
    for (const html of ['<b>'.repeat(100_000) + 'x', '<div>'.repeat(50_000) + 'x', 'a<br>'.repeat(50_000), '<table><tr><td>'.repeat(5_000)]) {
      const markdown = htmlToMarkdown(html);
      expect(typeof markdown).toBe('string');
    }
  });
});
