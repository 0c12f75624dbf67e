// Anki's template language, construct by construct, checked against what Anki's own renderer (rslib template.rs, template_filters.rs, cloze.rs) does.
import { describe, expect, it } from 'vitest';
import { parseTemplate, renderClozeField, renderTemplate, TemplateError, fieldIsEmpty } from '../../../src/core/render/anki-template';

/** Renders one template the way the front (frontSide null) or back of card `ord` would. */
function render(template: string, fields: Record<string, string>, options: { ord?: number; frontSide?: string | null } = {}): string {
  return renderTemplate(template, { fields: new Map(Object.entries(fields)), ord: options.ord ?? 1, frontSide: options.frontSide ?? null });
}

function problem(template: string, fields: Record<string, string> = {}): string {
  try {
    render(template, fields);
  } catch (error) {
    if (error instanceof TemplateError) return error.message;
    throw error;
  }
  throw new Error('expected a template problem');
}

describe('field replacements', () => {
  it('put the field’s HTML in place, untouched', () => {
    expect(render('Q: {{Front}}', { Front: '<b>bold</b> &amp; <img src="a.png">' })).toBe('Q: <b>bold</b> &amp; <img src="a.png">');
  });

  it('match the field name exactly: spaces inside count, spaces around are trimmed, case matters', () => {
    expect(render('{{Back Extra}}|{{ Back Extra }}', { 'Back Extra': 'x' })).toBe('x|x');
    expect(problem('{{back extra}}', { 'Back Extra': 'x' })).toBe("Found '{{back extra}}', but there is no field called 'back extra'");
  });

  it('name an unknown field the way Anki does, filters included', () => {
    expect(problem('{{Missing}}')).toBe("Found '{{Missing}}', but there is no field called 'Missing'");
    expect(problem('{{foo:text:X}}')).toBe("Found '{{foo:text:X}}', but there is no field called 'X'");
  });

  it('treat extra opening braces as part of the tag and a stray }} or an unclosed {{ as text', () => {
    expect(render('{{{F}}}', { F: 'v' })).toBe('v}');
    expect(render('a }} b {{F', { F: 'v' })).toBe('a }} b {{F');
  });

  it('leave HTML comments alone, tags inside them included', () => {
    expect(render('<!-- {{Nope}} {{#x}} -->{{F}}', { F: 'v' })).toBe('<!-- {{Nope}} {{#x}} -->v');
  });

  it('switch to <% %> delimiters when the template starts with {{=<% %>=}}', () => {
    expect(render('\n{{=<% %>=}}\n<%F%> {{F}}', { F: 'v' })).toBe('\nv {{F}}');
  });

  it('show FrontSide as the rendered front on the back and as nothing on the front, ignoring filters on it', () => {
    expect(render('{{FrontSide}}<hr id=answer>{{Back}}', { Back: 'b' }, { frontSide: '<i>q</i>' })).toBe('<i>q</i><hr id=answer>b');
    expect(render('[{{FrontSide}}]', {})).toBe('[]');
    expect(render('{{text:FrontSide}}', {}, { frontSide: '<i>q</i>' })).toBe('<i>q</i>');
  });
});

describe('sections', () => {
  const fields = { Full: 'x', Blank: ' <br><div></div>\n', Space: '&nbsp;', Image: '<img src="a.png">' };

  it('show {{#F}} when F has content and {{^F}} when it has none', () => {
    expect(render('{{#Full}}shown{{/Full}}{{^Full}}hidden{{/Full}}', fields)).toBe('shown');
    expect(render('{{#Blank}}hidden{{/Blank}}{{^Blank}}shown{{/Blank}}', fields)).toBe('shown');
  });

  it('count only whitespace and empty <br>/<div> tags as empty, as Anki does: &nbsp; and images are content', () => {
    expect(fieldIsEmpty(' <BR> <div /> </div>\n')).toBe(true);
    expect(render('{{#Space}}a{{/Space}}{{#Image}}b{{/Image}}', fields)).toBe('ab');
  });

  it('nest', () => {
    expect(render('{{^Blank}}1{{#Full}}2{{#Image}}{{Full}}{{/Image}}{{/Full}}{{/Blank}}', fields)).toBe('12x');
  });

  it('know the card number: {{#c1}} holds on card 1 and any other cN is simply false', () => {
    expect(render('{{^c2}}1{{#c1}}2{{/c1}}{{/c2}}', { c1: '1' })).toBe('12');
  });

  it('report an unknown section field even inside a section that is not shown', () => {
    expect(problem('{{#Blank}}{{^Missing}}a{{/Missing}}{{/Blank}}', fields)).toBe("Found '{{^Missing}}', but there is no field called 'Missing'");
    expect(problem('{{#Blank}}{{Missing}}{{/Blank}}', fields)).toBe("Found '{{Missing}}', but there is no field called 'Missing'");
  });

  it('refuse a wrong, missing or stray closing tag with Anki’s message', () => {
    expect(problem('{{#Full}}{{/Blank}}', fields)).toBe("Found '{{/Blank}}', but expected '{{/Full}}'");
    expect(problem('{{#Full}}a', fields)).toBe("Missing '{{/Full}}'");
    expect(problem('a{{/Full}}', fields)).toBe("Found '{{/Full}}', but missing '{{#Full}}' or '{{^Full}}'");
  });

  it('do not see closing tags hidden in comments', () => {
    expect(problem('{{#Full}}<!--{{/Full}}-->', fields)).toBe("Missing '{{/Full}}'");
  });

  it('parse into a tree, filters listed nearest-the-field first', () => {
    expect(parseTemplate('{{#A}}{{text:hint:B}}{{/A}}')).toEqual([
      { kind: 'section', key: 'A', negated: false, children: [{ kind: 'field', key: 'B', filters: ['hint', 'text'] }] },
    ]);
  });
});

describe('filters', () => {
  it('text: strips tags and decodes entities (the result escaped again, so it can never form a tag)', () => {
    expect(render('{{text:F}}', { F: '<b>a</b>&nbsp;&amp; b<br>c' })).toBe('a &#38; bc');
    expect(render('{{text:F}}', { F: '&lt;script&gt;x&lt;/script&gt;' })).toBe('&#60;script&#62;x&#60;/script&#62;');
  });

  it('chain right to left: the filter next to the field runs first', () => {
    expect(render('{{hint:text:F}}', { F: '<b>a</b>' })).toBe('<details class="hint"><summary>F</summary>a</details>');
    expect(render('{{text:hint:F}}', { F: '<b>a</b>' })).toBe('Fa');
  });

  it('hint: opens in place without a script, and leaves an empty field empty', () => {
    expect(render('{{hint:Notes}}', { Notes: 'look <i>here</i>' })).toBe('<details class="hint"><summary>Notes</summary>look <i>here</i></details>');
    expect(render('{{hint:Notes}}', { Notes: '  ' })).toBe('  ');
  });

  it('unknown filters pass the text through, and (as on Anki desktop) so do the filters after them', () => {
    expect(render('{{myfilter:F}}', { F: '<b>a</b>' })).toBe('<b>a</b>');
    expect(render('{{text:myfilter:F}}', { F: '<b>a</b>' })).toBe('<b>a</b>');
    expect(render('{{myfilter:text:F}}', { F: '<b>a</b>' })).toBe('a');
  });

  it('ignore an empty filter name, and a filter with no field makes nothing', () => {
    expect(render('{{text::F}}', { F: '<b>a</b>' })).toBe('a');
    expect(render('[{{tts-voices:}}]', {})).toBe('[]');
  });

  it('furigana, kana and kanji read base[reading] ruby, leaving [sound:…] alone', () => {
    const fields = { F: '日本[にほん]語[ご]を 勉強[べんきょう] [sound:a.mp3]' };
    expect(render('{{furigana:F}}', fields)).toBe(
      '<ruby><rb>日本</rb><rt>にほん</rt></ruby><ruby><rb>語</rb><rt>ご</rt></ruby>を<ruby><rb>勉強</rb><rt>べんきょう</rt></ruby> [sound:a.mp3]',
    );
    expect(render('{{kana:F}}', fields)).toBe('にほんごをべんきょう [sound:a.mp3]');
    expect(render('{{kanji:F}}', fields)).toBe('日本語を勉強 [sound:a.mp3]');
  });

  it('type: leaves Anki’s [[type:…]] marker for the card to fill in per side', () => {
    expect(render('{{type:Back}}', { Back: 'b' })).toBe('[[type:Back]]');
    expect(render('{{type:cloze:Text}}|{{type:nc:Back}}|{{type:text:Back}}', { Text: 't', Back: 'b' })).toBe(
      '[[type:cloze:Text]]|[[type:nc:Back]]|[[type:Back]]',
    );
  });

  it('tts: becomes Anki’s speech directive (which the card later drops: nothing here can speak)', () => {
    expect(render('{{tts en_US:F}}', { F: 'hello' })).toBe('[anki:tts lang=en_US]hello[/anki:tts]');
  });
});

describe('the cloze filter', () => {
  const text = 'The {{c1::mean}} and the {{c2::variance::spread}} of {{c1::X}}.';

  it('hides this card’s deletions on the front, shows the others plainly', () => {
    expect(render('{{cloze:Text}}', { Text: text }, { ord: 1 })).toBe(
      'The <span class="cloze">[…]</span> and the variance of <span class="cloze">[…]</span>.',
    );
    expect(render('{{cloze:Text}}', { Text: text }, { ord: 2 })).toBe('The mean and the <span class="cloze">[spread]</span> of X.');
  });

  it('reveals them on the back', () => {
    expect(render('{{cloze:Text}}', { Text: text }, { ord: 2, frontSide: 'q' })).toBe(
      'The mean and the <span class="cloze revealed">variance</span> of X.',
    );
  });

  it('keeps a hint’s HTML, as Anki does', () => {
    expect(renderClozeField('{{c1::a::<i>letter</i>}}', 1, true)).toBe('<span class="cloze">[<i>letter</i>]</span>');
  });

  it('nests: the outer deletion hides everything in it, the inner one is hidden on its own card', () => {
    const nested = '{{c1::outer {{c2::inner}} end}}';
    expect(renderClozeField(nested, 1, true)).toBe('<span class="cloze">[…]</span>');
    expect(renderClozeField(nested, 2, true)).toBe('outer <span class="cloze">[…]</span> end');
    expect(renderClozeField(nested, 1, false)).toBe('<span class="cloze revealed">outer inner end</span>');
  });

  it('gives nothing for a field without this card’s deletion', () => {
    expect(render('[{{cloze:Extra}}]', { Extra: 'no deletions, or only {{c2::others}}' })).toBe('[]');
  });

  it('writes a deletion inside a MathJax formula as LaTeX, so the formula still typesets', () => {
    const field = 'Attention: \\(\\mathrm{softmax}(QK^T / {{c1::\\sqrt{d_k}}})\\)';
    expect(renderClozeField(field, 1, true)).toBe('Attention: \\(\\mathrm{softmax}(QK^T / {\\color{#2563eb}[\\ldots]})\\)');
    expect(renderClozeField(field, 1, false)).toBe('Attention: \\(\\mathrm{softmax}(QK^T / {\\color{#2563eb}{\\sqrt{d_k}}})\\)');
  });

  it('shows a hint inside a formula as text, without the characters TeX would read as commands', () => {
    expect(renderClozeField('\\({{c1::x::a &amp; <b>b</b>_1}}\\)', 1, true)).toBe('\\({\\color{#2563eb}[\\text{a  b1}]}\\)');
  });

  it('reads LaTeX braces, so hidden text ending in }} closes where the formula says', () => {
    const field = '\\(\\frac{1}{ {{c1::\\sqrt{\\frac{a}{b}}}} }\\)';
    expect(renderClozeField(field, 1, false)).toBe('\\(\\frac{1}{ {\\color{#2563eb}{\\sqrt{\\frac{a}{b}}}} }\\)');
  });

  it('reads a field full of deletions whose braces do not balance by Anki’s own rule, the first }} closing', () => {
    expect(renderClozeField('{{c1::{1,2}} '.repeat(12), 1, false)).toBe('<span class="cloze revealed">{1,2</span> '.repeat(12));
  });

  it('drops a deletion that is never closed, with what follows it, as Anki shows it', () => {
    expect(renderClozeField('{{c1::a}} and {{c2::b', 1, false)).toBe('<span class="cloze revealed">a</span> and ');
  });

  it('cloze-only: the card’s deletions alone, hints ("..." without one) on the front, answers on the back', () => {
    const field = '{{c1::a::first}} {{c2::b}} {{c1::c}}';
    expect(render('{{cloze-only:T}}', { T: field }, { ord: 1 })).toBe('first, ...');
    expect(render('{{cloze-only:T}}', { T: field }, { ord: 1, frontSide: '' })).toBe('a, c');
  });
});
