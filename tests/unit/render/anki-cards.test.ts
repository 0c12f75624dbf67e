// Whole Anki cards: the stock note types (templates as Anki's notetype/stock.rs writes them), special fields, typed answers, template problems.
import { describe, expect, it } from 'vitest';
import { renderAnkiCard, type AnkiCardInput, type AnkiNoteTypeLike } from '../../../src/core/render/anki-template';

const BASIC: AnkiNoteTypeLike = {
  name: 'Basic',
  kind: 'normal',
  fields: ['Front', 'Back'],
  templates: [{ name: 'Card 1', front: '{{Front}}', back: '{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}' }],
};

const BASIC_AND_REVERSED: AnkiNoteTypeLike = {
  name: 'Basic (and reversed card)',
  kind: 'normal',
  fields: ['Front', 'Back'],
  templates: [
    { name: 'Card 1', front: '{{Front}}', back: '{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}' },
    { name: 'Card 2', front: '{{Back}}', back: '{{FrontSide}}\n\n<hr id=answer>\n\n{{Front}}' },
  ],
};

const BASIC_TYPING: AnkiNoteTypeLike = {
  name: 'Basic (type in the answer)',
  kind: 'normal',
  fields: ['Front', 'Back'],
  templates: [{ name: 'Card 1', front: '{{Front}}\n\n{{type:Back}}', back: '{{Front}}\n\n<hr id=answer>\n\n{{type:Back}}' }],
};

const CLOZE: AnkiNoteTypeLike = {
  name: 'Cloze',
  kind: 'cloze',
  fields: ['Text', 'Back Extra'],
  templates: [{ name: 'Cloze', front: '{{cloze:Text}}', back: '{{cloze:Text}}<br>\n{{Back Extra}}' }],
};

function card(noteType: AnkiNoteTypeLike, fields: Record<string, string>, ord = 1, extra: Partial<AnkiCardInput> = {}) {
  return renderAnkiCard({ noteType, fields, ord, tags: [], deckName: 'Default', ...extra });
}

const drawn = (html: string) => [...html.matchAll(/<annotation encoding="application\/x-tex">([\s\S]*?)<\/annotation>/g)].map((m) => m[1]);

describe('the stock note types', () => {
  it('Basic: the front field, then the front again above the answer rule and the back', () => {
    expect(card(BASIC, { Front: 'front', Back: 'back' })).toEqual({ front: 'front', back: 'front\n\n<hr id=answer>\n\nback' });
  });

  it('Basic (and reversed card): card 1 asks the front, card 2 the back', () => {
    const fields = { Front: 'chien', Back: 'dog' };
    expect(card(BASIC_AND_REVERSED, fields, 1)).toEqual({ front: 'chien', back: 'chien\n\n<hr id=answer>\n\ndog' });
    expect(card(BASIC_AND_REVERSED, fields, 2)).toEqual({ front: 'dog', back: 'dog\n\n<hr id=answer>\n\nchien' });
  });

  it('Cloze: one card per number, the back with Back Extra under a line break', () => {
    const fields = { Text: '{{c1::Paris}} is the capital of {{c2::France}}.', 'Back Extra': 'Since 508.' };
    expect(card(CLOZE, fields, 1)).toEqual({
      front: '<span class="cloze">[…]</span> is the capital of France.',
      back: '<span class="cloze revealed">Paris</span> is the capital of France.<br>\nSince 508.',
    });
    expect(card(CLOZE, fields, 2)).toEqual({
      front: 'Paris is the capital of <span class="cloze">[…]</span>.',
      back: 'Paris is the capital of <span class="cloze revealed">France</span>.<br>\nSince 508.',
    });
  });

  it('Basic (type in the answer): a place for the box on the front, the expected answer as text on the back for the comparison', () => {
    expect(card(BASIC_TYPING, { Front: 'Capital of France?', Back: '<b>Paris</b>&nbsp;' })).toEqual({
      front: 'Capital of France?\n\n<span class="type-answer-box"></span>',
      back: 'Capital of France?\n\n\n\n<hr id=answer><span class="type-answer-result">Paris</span>',
    });
  });
});

describe('formulas and media on whole cards', () => {
  it('draw MathJax formulas in the expanded card, front and back', () => {
    const sides = card(BASIC, { Front: 'What is \\(\\nabla_x f\\)?', Back: '\\[\\sum_i \\partial_i f\\,e_i\\]' });
    expect(drawn(sides.front)).toEqual(['\\nabla_x f']);
    expect(drawn(sides.back)).toEqual(['\\nabla_x f', '\\sum_i \\partial_i f\\,e_i']);
  });

  it('hide a deletion whose LaTeX ends in }} inside a formula, and reveal it whole', () => {
    const fields = { Text: 'Scaled attention: \\(\\mathrm{softmax}\\left(\\frac{QK^T}{ {{c1::\\sqrt{d_k}}} }\\right)V\\)', 'Back Extra': '' };
    const sides = card(CLOZE, fields, 1);
    expect(drawn(sides.front)).toEqual(['\\mathrm{softmax}\\left(\\frac{QK^T}{ {\\color{#2563eb}[\\ldots]} }\\right)V']);
    expect(drawn(sides.back)).toEqual(['\\mathrm{softmax}\\left(\\frac{QK^T}{ {\\color{#2563eb}{\\sqrt{d_k}}} }\\right)V']);
    expect(sides.front).not.toContain('math-error');
  });

  it('turn sound tags into players on the side that has them, FrontSide included', () => {
    const sides = card(BASIC, { Front: 'Listen [sound:q.mp3]', Back: '[sound:a.mp3]' });
    expect(sides.front).toBe('Listen <audio controls src="q.mp3"></audio>');
    expect(sides.back).toBe('Listen <audio controls src="q.mp3"></audio>\n\n<hr id=answer>\n\n<audio controls src="a.mp3"></audio>');
  });
});

describe('special fields', () => {
  const SHOW: AnkiNoteTypeLike = {
    name: 'Vocab',
    kind: 'normal',
    fields: ['Word'],
    templates: [{ name: 'Recognise', front: '{{Tags}}|{{Type}}|{{Deck}}|{{Subdeck}}|{{Card}}|{{CardFlag}}', back: '' }],
  };

  it('give the tags, note type, deck, last deck level, card name and flag', () => {
    const sides = card(SHOW, { Word: 'x' }, 1, { tags: ['ml', 'attention'], deckName: 'ML::Transformers', flag: 3 });
    expect(sides.front).toBe('ml attention|Vocab|ML::Transformers|Transformers|Recognise|flag3');
  });

  it('give way to a note field of the same name', () => {
    const noteType = { ...SHOW, fields: ['Tags'], templates: [{ name: 'c', front: '{{Tags}}', back: '' }] };
    expect(card(noteType, { Tags: 'mine' }, 1, { tags: ['theirs'] }).front).toBe('mine');
  });
});

describe('type in the answer', () => {
  it('on a cloze card expects the deletions of this card', () => {
    const noteType = { ...CLOZE, templates: [{ name: 'Cloze', front: '{{cloze:Text}}{{type:cloze:Text}}', back: '{{cloze:Text}}{{type:cloze:Text}}' }] };
    const sides = card(noteType, { Text: '{{c1::Paris}} and {{c1::Lyon}}, not {{c2::Nice}}', 'Back Extra': '' }, 1);
    expect(sides.front.endsWith('<span class="type-answer-box"></span>')).toBe(true);
    expect(sides.back.endsWith('<span class="type-answer-result">Paris, Lyon</span>')).toBe(true);
  });

  it('type:nc: marks the comparison to be made without accents', () => {
    const noteType = { ...BASIC_TYPING, templates: [{ name: 'c', front: '{{Front}}{{type:nc:Back}}', back: '{{FrontSide}}<hr id=answer>' }] };
    const sides = card(noteType, { Front: 'Café?', Back: 'café' });
    expect(sides.front).toBe('Café?<span class="type-answer-box"></span>');
    expect(sides.back).toBe('Café?<hr id=answer><span class="type-answer-result nc">café</span>');
  });

  it('gives one box on the front, however many tags it has, as Anki reads one typed answer', () => {
    const noteType = { ...BASIC_TYPING, templates: [{ name: 'c', front: '{{type:Back}} or {{type:Back}}', back: '' }] };
    expect(card(noteType, { Front: 'q', Back: 'a' }).front).toBe('<span class="type-answer-box"></span> or ');
  });

  it('with an empty field shows nothing on either side', () => {
    expect(card(BASIC_TYPING, { Front: 'q', Back: '' }).back).toBe('q\n\n<hr id=answer>\n\n');
  });

  it('naming something that is not a note field says so on the front, as Anki does', () => {
    const noteType = { ...BASIC, templates: [{ name: 'c', front: '{{Front}}{{type:Tags}}', back: '{{type:Tags}}' }] };
    expect(card(noteType, { Front: 'q', Back: 'b' }).front).toBe('q<span class="template-error">Type answer: unknown field Tags</span>');
  });
});

describe('cards Anki cannot render', () => {
  it('an unknown field shows Anki’s template problem on both sides', () => {
    const noteType = { ...BASIC, templates: [{ name: 'c', front: '{{Front}} {{Hint}}', back: '{{Back}}' }] };
    const problem = '<div class="template-error">Front template has a problem:<br>Found &#39;{{Hint}}&#39;, but there is no field called &#39;Hint&#39;</div>';
    expect(card(noteType, { Front: 'q', Back: 'a' })).toEqual({ front: problem, back: problem });
  });

  it('a broken back template shows the back’s problem on both sides', () => {
    const noteType = { ...BASIC, templates: [{ name: 'c', front: '{{Front}}', back: '{{#Back}}open' }] };
    const problem = '<div class="template-error">Back template has a problem:<br>Missing &#39;{{/Back}}&#39;</div>';
    expect(card(noteType, { Front: 'q', Back: 'a' })).toEqual({ front: problem, back: problem });
  });

  it('a front that shows no field says the card is blank', () => {
    const sides = card(BASIC, { Front: '<br>', Back: 'a' });
    expect(sides.front).toBe('<br><div class="template-error">The front of this card is blank.</div>');
    expect(sides.back).toBe('<div class="template-error">The front of this card is blank.</div>');
  });

  it('a cloze card whose number is gone from the note says so', () => {
    expect(card(CLOZE, { Text: '{{c1::only one}}', 'Back Extra': '' }, 2).back).toBe(
      '<div class="template-error">No cloze 2 found on card. Please either add a cloze deletion, or use the Empty Cards tool.</div>',
    );
  });

  it('a card number with no template says so instead of failing', () => {
    expect(card(BASIC, { Front: 'q', Back: 'a' }, 2).front).toContain('has no card template 2');
  });
});
