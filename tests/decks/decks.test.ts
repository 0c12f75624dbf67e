// The built-in decks are held to the standard of code: they parse, render, and follow the syllabus.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NoteRecord } from '../../src/core/collection/types';
import { parseDeck, type ParsedDeck, type ParsedNote } from '../../src/core/deck-format/parse';
import { renderClozeSide } from '../../src/core/notes/cloze';
import { parseKeyPoints } from '../../src/core/notes/key-points';
import { NOTE_TYPES } from '../../src/core/notes/note-types';
import { renderCard } from '../../src/core/render/card-html';
import { findMath } from '../../src/core/render/math-spans';
import { texError } from '../../src/core/render/tex';
import { readSyllabus } from './syllabus';

const root = join(import.meta.dirname, '../..');
const syllabus = readSyllabus(join(root, 'docs/syllabus.md'));
// DECK=decks/x.md checks one deck while it is being written; the full run checks them all.
const only = process.env.DECK ? process.env.DECK.replace(/^decks\//, '') : null;
if (only) syllabus.decks = syllabus.decks.filter((deck) => deck.file === `decks/${only}`);
const deckFiles = readdirSync(join(root, 'decks')).filter((name) => name.endsWith('.md') && (!only || name === only));

const decks = new Map<string, ParsedDeck>();
for (const file of deckFiles) {
  const result = parseDeck(readFileSync(join(root, 'decks', file), 'utf8'));
  if (result.ok) decks.set(`decks/${file}`, result.deck);
}

function asRecord(note: ParsedNote): NoteRecord {
  return { id: note.id, deckId: 'd', type: note.type, fields: note.fields, tags: note.tags, created: 0, modified: 0, origin: null };
}

/**
 * The cards a note makes, a story prompt counted as the one card it makes once the learner writes
 * their story into it: built-in prompts ship waiting (no card), yet they are the deck's content.
 */
function cardsOnceAnswered(note: ParsedNote): number[] {
  return note.type === 'story' ? [1] : NOTE_TYPES[note.type].cardOrds(note.fields);
}

const allNotes = () => [...decks.entries()].flatMap(([file, deck]) => deck.notes.map((note) => ({ file, note })));

/** The question in a form where rewording of case, spacing, punctuation and markup does not hide a duplicate. */
function normalizedQuestion(note: ParsedNote): string {
  const text = note.fields[NOTE_TYPES[note.type].questionField] ?? '';
  return text
    .toLowerCase()
    .replace(/\{\{c\d+::/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

describe('built-in decks', () => {
  it('every deck file parses without a problem', () => {
    for (const file of deckFiles) {
      const result = parseDeck(readFileSync(join(root, 'decks', file), 'utf8'));
      expect(result.ok ? [] : result.problems.map((p) => `decks/${file}:${p.line}:${p.column}: ${p.message}`)).toEqual([]);
    }
  });

  it('every deck of the syllabus exists with at least its minimum number of cards', () => {
    expect(syllabus.decks.length).toBeGreaterThanOrEqual(only ? 1 : 6);
    for (const entry of syllabus.decks) {
      const deck = decks.get(entry.file);
      expect(deck, `${entry.file} is missing`).toBeDefined();
      expect(deck!.header.name).toBe(entry.name);
      const cards = deck!.notes.reduce((sum, note) => sum + cardsOnceAnswered(note).length, 0);
      expect(cards, `${entry.file} has ${cards} cards`).toBeGreaterThanOrEqual(entry.minCards);
    }
  });

  it('every formula renders with KaTeX, strictly, on both sides of every card', () => {
    const failures: string[] = [];
    for (const { file, note } of allNotes()) {
      for (const [name, value] of Object.entries(note.fields)) {
        for (const span of findMath(value)) {
          const error = texError(span.tex, span.display);
          if (error) failures.push(`${file} ${note.id} ${name}: ${error}`);
        }
      }
      for (const ord of cardsOnceAnswered(note)) {
        const sides = renderCard(asRecord(note), ord);
        const html = [sides.front, sides.back, ...(sides.keyPoints ?? [])].join('');
        if (html.includes('math-error')) failures.push(`${file} ${note.id} card ${ord}: a formula fails to render`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('leaves no stray dollar sign outside formulas and code (a formula that failed to open or close)', () => {
    const stray: string[] = [];
    const plain = { hidden: () => '[...]', revealed: (answer: string) => answer };
    for (const { file, note } of allNotes()) {
      const texts = Object.entries(note.fields);
      // A cloze side is text of its own: a deletion ending in a space can unclose a formula there.
      if (note.type === 'cloze') {
        for (const ord of NOTE_TYPES.cloze.cardOrds(note.fields)) {
          for (const side of ['front', 'back'] as const) {
            texts.push([`Text card ${ord} ${side}`, renderClozeSide(note.fields.Text!, ord, side, plain, () => false)]);
          }
        }
      }
      for (const [name, value] of texts) {
        const spans = findMath(value);
        let text = '';
        let last = 0;
        for (const span of spans) {
          text += value.slice(last, span.start);
          last = span.end;
        }
        text += value.slice(last);
        const prose = text.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
        if (/(^|[^\\])\$/.test(prose)) stray.push(`${file} ${note.id} ${name}`);
      }
    }
    expect(stray).toEqual([]);
  });

  it('card ids are unique across all decks', () => {
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const { file, note } of allNotes()) {
      if (seen.has(note.id)) clashes.push(`${note.id} in ${file} and ${seen.get(note.id)}`);
      seen.set(note.id, file);
    }
    expect(clashes).toEqual([]);
  });

  it('no two cards ask the same question', () => {
    const seen = new Map<string, string>();
    const duplicates: string[] = [];
    for (const { note } of allNotes()) {
      const key = normalizedQuestion(note);
      if (seen.has(key)) duplicates.push(`${note.id} repeats ${seen.get(key)}`);
      seen.set(key, note.id);
    }
    expect(duplicates).toEqual([]);
  });

  it('every card has one topic of its deck, at least one round of the syllabus and one level', () => {
    const problems: string[] = [];
    for (const { file, note } of allNotes()) {
      const entry = syllabus.decks.find((deck) => deck.file === file);
      const topics = note.tags.filter((tag) => tag.startsWith('topic::'));
      const rounds = note.tags.filter((tag) => tag.startsWith('round::'));
      const levels = note.tags.filter((tag) => tag.startsWith('level::'));
      const others = note.tags.filter((tag) => !/^(topic|round|level)::/.test(tag));
      if (topics.length !== 1) problems.push(`${note.id}: ${topics.length} topic tags`);
      else if (!entry?.topics.has(topics[0]!)) problems.push(`${note.id}: ${topics[0]} is not a topic of ${file} in docs/syllabus.md`);
      if (rounds.length === 0) problems.push(`${note.id}: no round tag`);
      for (const round of rounds) if (!syllabus.rounds.has(round)) problems.push(`${note.id}: unknown ${round}`);
      if (levels.length !== 1 || !syllabus.levels.has(levels[0]!)) problems.push(`${note.id}: needs one level tag of the syllabus`);
      if (others.length) problems.push(`${note.id}: tags outside the taxonomy: ${others.join(' ')}`);
    }
    expect(problems).toEqual([]);
  });

  it('every topic of the syllabus has at least three cards', () => {
    const counts = new Map<string, number>();
    for (const { note } of allNotes()) for (const tag of note.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
    const thin: string[] = [];
    for (const deck of syllabus.decks) {
      for (const topic of deck.topics.keys()) if ((counts.get(topic) ?? 0) < 3) thin.push(`${topic} (${counts.get(topic) ?? 0})`);
    }
    expect(thin).toEqual([]);
  });

  it('every code fence names its language', () => {
    const bare: string[] = [];
    for (const { note } of allNotes()) {
      for (const value of Object.values(note.fields)) {
        let open = false;
        for (const line of value.split('\n')) {
          const fence = /^\s*(```|~~~)(.*)$/.exec(line);
          if (!fence) continue;
          if (!open && fence[2]!.trim() === '') bare.push(note.id);
          open = !open;
        }
      }
    }
    expect(bare).toEqual([]);
  });

  it('about a fifth of each deck are key-points cards for explain, compare, design and debug questions', () => {
    for (const [file, deck] of decks) {
      // Story prompts are the learner's own material, not questions with a right answer: a question bank of them is exempt.
      const notes = deck.notes.filter((note) => note.type !== 'story');
      if (notes.length === 0) continue;
      const share = notes.filter((note) => note.type === 'keypoints').length / notes.length;
      expect(share, `${file}: ${(share * 100).toFixed(0)}% key-points`).toBeGreaterThanOrEqual(0.15);
      expect(share, `${file}: ${(share * 100).toFixed(0)}% key-points`).toBeLessThanOrEqual(0.35);
    }
  });

  it('story prompts ship waiting for the learner’s story, with three to six points of guidance', () => {
    const off: string[] = [];
    for (const { note } of allNotes()) {
      if (note.type !== 'story') continue;
      if (NOTE_TYPES.story.cardOrds(note.fields).length > 0) off.push(`${note.id}: holds a story of its own; built-in prompts hold guidance only`);
      const guidance = parseKeyPoints(note.fields.Guidance ?? '').length;
      if (guidance < 3 || guidance > 6) off.push(`${note.id}: ${guidance} points of guidance`);
    }
    expect(off).toEqual([]);
  });

  it('key-points cards list three to six points', () => {
    const off: string[] = [];
    for (const { note } of allNotes()) {
      if (note.type !== 'keypoints') continue;
      const points = renderCard(asRecord(note), 1).keyPoints ?? [];
      if (points.length < 3 || points.length > 6) off.push(`${note.id}: ${points.length} points`);
    }
    expect(off).toEqual([]);
  });
});
