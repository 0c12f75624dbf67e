// Every search operator run over a small known collection: which cards it finds, and why.
import { describe, expect, it } from 'vitest';
import { retrievability } from '../../../src/core/scheduling/scheduler';
import { parseSearch, searchCards } from '../../../src/core/search';
import { ALL_CARDS, buildCollection, NOW } from './search-fixture';

const { col, context } = buildCollection();

/** The matching card ids, alphabetically, so each expectation reads as a set. */
const find = (query: string) => searchCards(context, query).sort();
const except = (...ids: string[]) => ALL_CARDS.filter((id) => !ids.includes(id)).sort();

describe('the empty query and the order of results', () => {
  it('finds every card, by deck name (children right after their parent), then note position, then card number', () => {
    expect(searchCards(context, '')).toEqual([
      'n-attn/1', // LLMs & RAG
      'n-attn/2',
      'n-kv/1',
      'n-bias/1', // ML
      'n-bias/2',
      'n-tensor/1',
      'n-sgd/1', // ML::Optimisation
      'n-adam/1',
      'n-adam/2',
      'n-drift/1', // MLOps
    ]);
    expect(searchCards(context, '   ')).toEqual(searchCards(context, ''));
  });

  it('gives the same order for a query as for the collection, filtered', () => {
    const all = searchCards(context, '');
    expect(searchCards(context, 'is:new')).toEqual(all.filter((id) => find('is:new').includes(id)));
  });

  it('takes a parsed tree as well as text', () => {
    expect(searchCards(context, parseSearch('tag:exam'))).toEqual(['n-sgd/1']);
  });
});

describe('free text', () => {
  it('matches any field of the note, ignoring case', () => {
    expect(find('gradient')).toEqual(['n-sgd/1']);
    expect(find('GRADIENT')).toEqual(['n-sgd/1']);
    // Both words, each in a different field (front and back), still find the note.
    expect(find('stochastic mini')).toEqual(['n-sgd/1']);
  });

  it('finds every card of a matching note', () => {
    expect(find('adaptive')).toEqual(['n-adam/1', 'n-adam/2']);
  });

  it('reads through Markdown emphasis and HTML tags, as Anki reads through HTML', () => {
    // "What does **stochastic** gradient …" and "from a <b>mini-batch</b>"
    expect(find('"does stochastic gradient"')).toEqual(['n-sgd/1']);
    expect(find('"a mini-batch"')).toEqual(['n-sgd/1']);
    // An Anki note in HTML: "<i>Bias</i>&nbsp;term"
    expect(find('"bias term"')).toEqual(['n-bias/1', 'n-bias/2']);
  });

  it('reads cloze deletions as their answers, with hints searchable too', () => {
    expect(find('"weights are softmax"')).toEqual(['n-attn/1', 'n-attn/2']);
    expect(find('"a property"')).toEqual(['n-attn/1', 'n-attn/2']);
    expect(find('c1')).toEqual([]);
  });

  it('reads formulas as their TeX, without the $ delimiters', () => {
    expect(find('\\\\beta')).toEqual(['n-adam/1', 'n-adam/2']);
    // A colon would make it a field search: escaped, it is text.
    expect(find('"estimation\\: m"')).toEqual(['n-adam/1', 'n-adam/2']);
  });

  it('reads a key-points list without its bullets', () => {
    expect(find('"recomputing keys trades memory"')).toEqual(['n-kv/1']);
  });

  it('keeps a quoted phrase together, where separate words may be apart', () => {
    expect(find('"data drift"')).toEqual(['n-drift/1']);
    expect(find('"drift data"')).toEqual([]);
    expect(find('drift data')).toEqual(['n-drift/1']);
  });

  it('treats * as any run of characters and _ as any one character', () => {
    expect(find('soft*x')).toEqual(['n-attn/1', 'n-attn/2']);
    expect(find('t_nsor')).toEqual(['n-tensor/1']);
    expect(find('t__sor')).toEqual(['n-tensor/1']);
    expect(find('t___sor')).toEqual([]);
    expect(find('*')).toEqual(ALL_CARDS.slice().sort());
  });

  it('takes \\* and \\_ literally', () => {
    expect(find('m\\_t')).toEqual(['n-adam/1', 'n-adam/2']);
    expect(find('m\\_x')).toEqual([]);
    expect(find('stochastic\\*')).toEqual([]);
  });
});

describe('field:value', () => {
  it('needs the whole field to match, ignoring case', () => {
    expect(find('front:adam')).toEqual(['n-adam/1', 'n-adam/2']);
    expect(find('front:ada')).toEqual([]);
    expect(find('FRONT:ADAM')).toEqual(['n-adam/1', 'n-adam/2']);
  });

  it('finds text inside the field with wildcards', () => {
    expect(find('front:*gradient*')).toEqual(['n-sgd/1']);
    expect(find('back:*gradient*')).toEqual(['n-sgd/1']);
    expect(find('question:*kv*')).toEqual(['n-kv/1']);
  });

  it('matches the field name with wildcards', () => {
    expect(find('f*:adam')).toEqual(['n-adam/1', 'n-adam/2']);
    expect(find('*:adam')).toEqual(['n-adam/1', 'n-adam/2']);
  });

  it('finds an empty field with nothing after the colon, a filled one with _*', () => {
    // Every native note type has a Source field; the imported Anki type has none.
    expect(find('source:')).toEqual(except('n-bias/1', 'n-bias/2'));
    expect(find('source:_*')).toEqual([]);
    expect(find('back:_*').length).toBeGreaterThan(0);
  });

  it('reads an HTML field without its tags', () => {
    expect(find('front:"bias term"')).toEqual(['n-bias/1', 'n-bias/2']);
  });

  it('finds nothing for a field no note has', () => {
    expect(find('nosuchfield:*')).toEqual([]);
  });
});

describe('deck:', () => {
  it('finds the deck and its children, not decks that merely start alike', () => {
    expect(find('deck:ML')).toEqual(['n-adam/1', 'n-adam/2', 'n-bias/1', 'n-bias/2', 'n-sgd/1', 'n-tensor/1']);
    expect(find('deck:ml::optimisation')).toEqual(['n-adam/1', 'n-adam/2', 'n-sgd/1']);
  });

  it('takes wildcards', () => {
    expect(find('deck:ML*')).toEqual(except('n-attn/1', 'n-attn/2', 'n-kv/1'));
    expect(find('deck:ml::opt*')).toEqual(['n-adam/1', 'n-adam/2', 'n-sgd/1']);
    expect(find('deck:*')).toEqual(ALL_CARDS.slice().sort());
  });

  it('takes a quoted name with spaces', () => {
    expect(find('deck:"LLMs & RAG"')).toEqual(['n-attn/1', 'n-attn/2', 'n-kv/1']);
    expect(find('"deck:LLMs & RAG"')).toEqual(['n-attn/1', 'n-attn/2', 'n-kv/1']);
  });

  it('leaves the children out with -deck:NAME::*', () => {
    expect(find('deck:ML -deck:ML::*')).toEqual(['n-bias/1', 'n-bias/2', 'n-tensor/1']);
  });

  it('finds nothing for an unknown deck', () => {
    expect(find('deck:nope')).toEqual([]);
  });
});

describe('tag:', () => {
  it('finds the tag and the tags below it, ignoring case', () => {
    expect(find('tag:topic')).toEqual(['n-adam/1', 'n-adam/2', 'n-attn/1', 'n-attn/2', 'n-kv/1', 'n-sgd/1', 'n-tensor/1']);
    expect(find('tag:topic::optim')).toEqual(['n-adam/1', 'n-adam/2', 'n-sgd/1']);
  });

  it('does not take a tag for another that merely starts alike', () => {
    // topic::kv-cache and topic::kvcache are not below topic::kv.
    expect(find('tag:topic::kv')).toEqual([]);
  });

  it('takes wildcards', () => {
    expect(find('tag:topic::kv*')).toEqual(['n-attn/1', 'n-attn/2', 'n-kv/1']);
    expect(find('tag:*::adam')).toEqual(['n-adam/1', 'n-adam/2']);
    expect(find('tag:ex_m')).toEqual(['n-sgd/1']);
  });

  it('finds notes without tags with tag:none', () => {
    expect(find('tag:none')).toEqual(['n-drift/1']);
    expect(find('-tag:none')).toEqual(except('n-drift/1'));
  });
});

describe('is:', () => {
  it('is:new finds cards never answered', () => {
    expect(find('is:new')).toEqual(['n-adam/2', 'n-bias/1', 'n-bias/2', 'n-drift/1']);
  });

  it('is:learn finds learning and relearning cards', () => {
    expect(find('is:learn')).toEqual(['n-attn/1', 'n-attn/2']);
  });

  it('is:review finds review cards, relearning (lapsed) ones included, as Anki', () => {
    expect(find('is:review')).toEqual(['n-adam/1', 'n-attn/2', 'n-kv/1', 'n-sgd/1', 'n-tensor/1']);
    expect(find('is:learn is:review')).toEqual(['n-attn/2']);
  });

  it('is:due finds reviews due by the end of today and learning steps due within the learn-ahead window', () => {
    // sgd is 3 days overdue, tensor due later today, attn/1 in 5 minutes. Not attn/2 (2 hours away),
    // not adam/1 (in 5 days), not kv (overdue but suspended), never a new card.
    expect(find('is:due')).toEqual(['n-attn/1', 'n-sgd/1', 'n-tensor/1']);
  });

  it('is:suspended, is:buried', () => {
    expect(find('is:suspended')).toEqual(['n-kv/1']);
    expect(find('is:buried')).toEqual(['n-drift/1']);
  });

  it('is:buried ends when the bury does', () => {
    const tomorrow = { ...context, now: NOW + 86_400_000 };
    expect(searchCards(tomorrow, 'is:buried')).toEqual([]);
  });

  it('is:leech finds cards of notes tagged leech', () => {
    expect(find('is:leech')).toEqual(['n-kv/1']);
    expect(find('is:leech')).toEqual(find('tag:leech'));
  });
});

describe('flag:', () => {
  it('finds cards with that flag; flag:0 those without', () => {
    expect(find('flag:1')).toEqual(['n-sgd/1']);
    expect(find('flag:7')).toEqual(['n-bias/2']);
    expect(find('flag:0')).toEqual(except('n-sgd/1', 'n-bias/2'));
  });
});

describe('added:, edited:', () => {
  it('added:N finds cards created in the last N study days, today being 1', () => {
    expect(find('added:1')).toEqual(['n-drift/1']);
    expect(find('added:0')).toEqual(['n-drift/1']);
    // tensor was created 3 days ago: in the last 4 study days, not the last 3.
    expect(find('added:3')).toEqual(['n-drift/1']);
    expect(find('added:4')).toEqual(['n-drift/1', 'n-tensor/1']);
  });

  it('edited:N finds cards whose note changed in the last N study days', () => {
    expect(find('edited:1')).toEqual(['n-sgd/1']);
  });
});

describe('rated:, introduced:', () => {
  it('rated:N finds cards answered in the last N study days; an undone answer does not count', () => {
    // drift was answered today, but the answer was undone.
    expect(find('rated:1')).toEqual(['n-attn/1', 'n-attn/2']);
    expect(find('rated:2')).toEqual(['n-attn/1', 'n-attn/2', 'n-tensor/1']);
    expect(find('rated:3')).toEqual(['n-adam/1', 'n-attn/1', 'n-attn/2', 'n-tensor/1']);
  });

  it('rated:N:R keeps the answers with rating R (1 again, 2 hard, 3 good, 4 easy)', () => {
    expect(find('rated:1:1')).toEqual(['n-attn/1', 'n-attn/2']);
    expect(find('rated:2:4')).toEqual(['n-tensor/1']);
    expect(find('rated:7:2')).toEqual(['n-kv/1']);
    expect(find('rated:6:2')).toEqual([]);
    expect(find('rated:30:3')).toEqual(['n-adam/1', 'n-sgd/1']);
  });

  it('introduced:N finds cards first answered in the last N study days', () => {
    expect(find('introduced:1')).toEqual(['n-attn/1']);
    expect(find('introduced:2')).toEqual(['n-attn/1', 'n-tensor/1']);
    expect(find('introduced:7')).toEqual(['n-attn/1', 'n-kv/1', 'n-tensor/1']);
    // attn/2 was answered today, but first answered 40 days ago.
    expect(find('introduced:30')).not.toContain('n-attn/2');
  });
});

describe('prop:', () => {
  it('ivl: the interval in days; 0 for new and learning cards, as Anki', () => {
    expect(find('prop:ivl>=7')).toEqual(['n-adam/1', 'n-sgd/1']);
    expect(find('prop:ivl=10')).toEqual(['n-sgd/1']);
    expect(find('prop:ivl<1')).toEqual(['n-adam/2', 'n-attn/1', 'n-attn/2', 'n-bias/1', 'n-bias/2', 'n-drift/1']);
  });

  it('due: study days from today, negative when overdue; new cards have none', () => {
    expect(find('prop:due=-3')).toEqual(['n-sgd/1']);
    expect(find('prop:due<0')).toEqual(['n-kv/1', 'n-sgd/1']);
    expect(find('prop:due=0')).toEqual(['n-attn/1', 'n-attn/2', 'n-tensor/1']);
    expect(find('prop:due>0')).toEqual(['n-adam/1']);
    expect(find('prop:due!=0')).toEqual(['n-adam/1', 'n-kv/1', 'n-sgd/1']);
  });

  it('reps and lapses', () => {
    expect(find('prop:reps>=5')).toEqual(['n-adam/1', 'n-attn/2']);
    expect(find('prop:lapses>0')).toEqual(['n-attn/2', 'n-sgd/1']);
    expect(find('prop:lapses=0')).toEqual(except('n-attn/2', 'n-sgd/1'));
  });

  it('s / stability in days; a new card has none', () => {
    expect(find('prop:s>10')).toEqual(['n-adam/1', 'n-sgd/1', 'n-tensor/1']);
    expect(find('prop:stability>10')).toEqual(find('prop:s>10'));
    expect(find('prop:s>=0')).toEqual(find('-is:new'));
  });

  it('d / difficulty on Anki’s scale, 0 easiest to 1 hardest (FSRS 1 to 10)', () => {
    // FSRS difficulty 5.5 is exactly 0.5 on that scale.
    expect(find('prop:d=0.5')).toEqual(['n-sgd/1']);
    expect(find('prop:d>0.5')).toEqual(['n-attn/1', 'n-attn/2', 'n-kv/1']);
    expect(find('prop:difficulty>0.5')).toEqual(find('prop:d>0.5'));
  });

  it('r / retrievability now, from each deck’s preset; a new card has none', () => {
    // sgd: 13 days since its last review on a stability of 12; kv: 6 days on 3.
    expect(find('prop:r<0.9')).toEqual(['n-kv/1', 'n-sgd/1']);
    expect(find('prop:retrievability>=0.9')).toEqual(['n-adam/1', 'n-attn/1', 'n-attn/2', 'n-tensor/1']);
  });

  it('r agrees with the scheduler’s own retrievability for every card', () => {
    for (const card of col.cards.values()) {
      const expected = retrievability(card, NOW, col.presetOf(card.deckId), context.calendar);
      const found = searchCards(context, `cid:${card.id} prop:r>=0`).length === 1;
      expect(found).toBe(expected !== null);
      if (expected !== null) {
        expect(find(`cid:${card.id} prop:r=${expected}`)).toEqual([card.id]);
      }
    }
  });

  it('r of a card that came with its own forgetting curve (Anki’s decay) is read on that curve, as its Recall shows', () => {
    const own = buildCollection();
    const sgd = own.col.cards.get('n-sgd/1')!;
    own.col.apply(own.col.appliedSeq + 1, { type: 'bulk', at: NOW, label: 'import', cards: [{ ...sgd, decay: 0.5 }], notes: [], removedCards: [], removedNotes: [] });
    const card = own.col.cards.get('n-sgd/1')!;
    const expected = retrievability(card, NOW, own.col.presetOf(card.deckId), own.context.calendar)!;
    expect(expected).not.toBe(retrievability({ ...card, decay: undefined }, NOW, own.col.presetOf(card.deckId), own.context.calendar));
    expect(searchCards(own.context, `prop:r=${expected}`)).toEqual(['n-sgd/1']);
  });

  it('pos: the place of a new card in the new-card order', () => {
    expect(find('prop:pos<3')).toEqual(['n-adam/2']);
    expect(find('prop:pos>=0')).toEqual(find('is:new'));
  });
});

describe('card:, note:, preset:, nid:, cid:', () => {
  it('card:N finds the Nth card of each note (a reverse card, cloze c2, Anki’s second template)', () => {
    expect(find('card:2')).toEqual(['n-adam/2', 'n-attn/2', 'n-bias/2']);
    expect(find('card:1').length).toBe(7);
  });

  it('card:NAME finds imported Anki cards by template name', () => {
    expect(find('card:"card 2"')).toEqual(['n-bias/2']);
    expect(find('card:card*')).toEqual(['n-bias/1', 'n-bias/2']);
  });

  it('note:NAME finds notes by type, native or imported', () => {
    expect(find('note:cloze')).toEqual(['n-attn/1', 'n-attn/2']);
    expect(find('note:basic')).toEqual(['n-drift/1', 'n-sgd/1', 'n-tensor/1']);
    expect(find('note:"Basic (and reversed card)"')).toEqual(['n-bias/1', 'n-bias/2']);
    expect(find('note:basic*')).toEqual(['n-bias/1', 'n-bias/2', 'n-drift/1', 'n-sgd/1', 'n-tensor/1']);
  });

  it('preset:NAME finds cards in decks using that preset', () => {
    expect(find('preset:intense')).toEqual(['n-attn/1', 'n-attn/2', 'n-kv/1']);
    expect(find('preset:default')).toEqual(except('n-attn/1', 'n-attn/2', 'n-kv/1'));
  });

  it('nid: and cid: find notes and cards by id, several separated by commas', () => {
    expect(find('nid:n-adam,n-kv')).toEqual(['n-adam/1', 'n-adam/2', 'n-kv/1']);
    expect(find('cid:n-adam/2')).toEqual(['n-adam/2']);
  });
});

describe('combining searches', () => {
  it('- negates a term or a group', () => {
    expect(find('-is:new')).toEqual(except('n-adam/2', 'n-bias/1', 'n-bias/2', 'n-drift/1'));
    expect(find('-(is:new OR is:learn)')).toEqual(['n-adam/1', 'n-kv/1', 'n-sgd/1', 'n-tensor/1']);
  });

  it('OR (any case) finds either; AND binds tighter, as in Anki', () => {
    expect(find('flag:1 or flag:7')).toEqual(['n-bias/2', 'n-sgd/1']);
    // (new AND in MLOps) OR red flag
    expect(find('is:new deck:mlops OR flag:1')).toEqual(['n-drift/1', 'n-sgd/1']);
    expect(find('is:new (deck:mlops OR flag:1)')).toEqual(['n-drift/1']);
  });

  it('the brief’s example queries', () => {
    expect(find('deck:ML* is:due prop:r<0.9')).toEqual(['n-sgd/1']);
    expect(find('tag:topic::kv* -is:suspended')).toEqual(['n-attn/1', 'n-attn/2']);
    expect(find('is:review prop:ivl>=30')).toEqual([]);
    expect(find('front:*gradient* OR deck:"LLMs & RAG"')).toEqual(['n-attn/1', 'n-attn/2', 'n-kv/1', 'n-sgd/1']);
  });
});

describe('after the collection changes', () => {
  it('finds a note by its new text once it is edited', () => {
    const { col: changing, context: now } = buildCollection();
    expect(searchCards(now, 'drift')).toEqual(['n-drift/1']);
    const note = changing.notes.get('n-drift')!;
    changing.apply(100, { type: 'note-edit', at: NOW, noteId: 'n-drift', fields: { ...note.fields, Front: 'What is concept shift?' }, tags: note.tags, addedCards: [], removedCards: [] });
    expect(searchCards(now, '"data drift"')).toEqual([]);
    expect(searchCards(now, '"concept shift"')).toEqual(['n-drift/1']);
  });

  it('orders by the new name once a deck is renamed', () => {
    const { col: changing, context: now } = buildCollection();
    const before = searchCards(now, '');
    expect(before.slice(0, 3)).toEqual(['n-attn/1', 'n-attn/2', 'n-kv/1']);
    changing.apply(100, { type: 'upsert', at: NOW, source: 'test', decks: [{ ...changing.decks.get('llm')!, name: 'Transformers' }], notes: [], cards: [], removedCards: [] });
    const after = searchCards(now, '');
    expect(after.slice(-3)).toEqual(['n-attn/1', 'n-attn/2', 'n-kv/1']);
    expect(searchCards(now, 'deck:transformers')).toEqual(['n-attn/1', 'n-attn/2', 'n-kv/1']);
  });

  it('finds a card that is added, in its place', () => {
    const { col: changing, context: now } = buildCollection();
    const template = changing.cards.get('n-tensor/1')!;
    changing.apply(100, { type: 'note-edit', at: NOW, noteId: 'n-tensor', fields: changing.notes.get('n-tensor')!.fields, tags: ['TOPIC'], addedCards: [{ ...template, id: 'n-tensor/2', ord: 2, position: 99 }], removedCards: [] });
    expect(searchCards(now, 'deck:ML -deck:ML::*')).toEqual(['n-bias/1', 'n-bias/2', 'n-tensor/1', 'n-tensor/2']);
  });
});

describe('the searches Anki users reach for', () => {
  it('w: finds whole words only ("estimat" is inside "estimate" and "estimation"), a wildcard staying inside one word', () => {
    expect(find('estimat')).toEqual(['n-adam/1', 'n-adam/2', 'n-sgd/1']);
    expect(find('w:estimate')).toEqual(['n-sgd/1']);
    expect(find('w:estimat')).toEqual([]);
    expect(find('w:estimat*')).toEqual(['n-adam/1', 'n-adam/2', 'n-sgd/1']);
    // A phrase of whole words, markup aside ("**stochastic** gradient descent").
    expect(find('"w:stochastic gradient descent"')).toEqual(['n-sgd/1']);
    expect(find('"w:gradient desc"')).toEqual([]);
  });

  it('nc: ignores accents on both sides', () => {
    expect(find('tènsor')).toEqual([]);
    expect(find('nc:tènsor')).toEqual(['n-tensor/1']);
  });

  it('re: is a regular expression over each field, case ignored, its backslashes its own', () => {
    expect(find('re:^adam$')).toEqual(['n-adam/1', 'n-adam/2']);
    expect(find('re:\\bkeys\\b')).toEqual(['n-kv/1']);
    expect(find('"re:soft(max|min)"')).toEqual(['n-attn/1', 'n-attn/2']);
  });

  it('dupe: finds the notes of a type whose question is the text, markup and case aside', () => {
    expect(find('dupe:reverse,adam')).toEqual(['n-adam/1', 'n-adam/2']);
    expect(find('"dupe:basic,What is a **tensor**?"')).toEqual(['n-tensor/1']);
    expect(find('"dupe:basic,What is a"')).toEqual([]);
    expect(find('"dupe:reverse,What is a tensor?"')).toEqual([]);
  });

  it('is:buried also finds a card held back because its sibling was answered today', () => {
    expect(find('is:buried')).toEqual(['n-drift/1']);
    const today = buildCollection();
    const bias = today.col.cards.get('n-bias/1')!;
    today.col.apply(1_000, { type: 'review', at: NOW - 60_000, cardId: 'n-bias/1', rating: 3, durationMs: 1000, prior: 0, after: { ...bias, state: 1, due: NOW + 600_000, reps: 1, lastReview: NOW - 60_000 } });
    expect(searchCards(today.context, 'is:buried').sort()).toEqual(['n-bias/2', 'n-drift/1']);
  });
});
