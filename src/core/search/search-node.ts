// The parsed form of a card search: a tree of and/or/not over the searches Anki's syntax offers.

/**
 * Text in Anki's wildcard syntax: `*` any run of characters, `_` any one character, `\*`, `\_`
 * and `\\` the characters themselves. Parser escapes (`\"`, `\:`, `\(`, `\)`, `\-`) are already
 * undone; the wildcard escapes are kept so a literal `*` stays different from a wildcard.
 */
export type Glob = string;

export const CARD_STATES = ['new', 'learn', 'review', 'due', 'suspended', 'buried', 'leech'] as const;
export type CardStateName = (typeof CARD_STATES)[number];

export const COMPARISONS = ['<=', '>=', '!=', '=', '<', '>'] as const;
export type Comparison = (typeof COMPARISONS)[number];

/** Card properties `prop:` compares; `s`, `d` and `r` are FSRS memory state, as in Anki. */
export const PROPERTIES = ['ivl', 'due', 'reps', 'lapses', 'pos', 's', 'd', 'r'] as const;
export type PropertyName = (typeof PROPERTIES)[number];

export type Rating = 1 | 2 | 3 | 4;

export type SearchNode =
  /** The empty query: every card. */
  | { kind: 'all' }
  | { kind: 'and'; nodes: SearchNode[] }
  | { kind: 'or'; nodes: SearchNode[] }
  | { kind: 'not'; node: SearchNode }
  /** Free text: found anywhere in any field of the note. */
  | { kind: 'text'; text: Glob }
  /** `w:text`: whole words only (`w:tpu` finds "TPU v5" but not "outputs"); `*` stays inside a word. */
  | { kind: 'word'; text: Glob }
  /** `nc:text`: free text with accents ignored on both sides (`nc:uber` finds "über"). */
  | { kind: 'no-accents'; text: Glob }
  /** `re:pattern`: a regular expression over the note's text, ignoring case. */
  | { kind: 'regex'; source: string }
  /** `dupe:TYPE,TEXT`: notes of that note type whose question (first field) is TEXT. */
  | { kind: 'dupe'; noteType: string; text: string }
  /** `field:value`: a field whose name matches `field` holds exactly `text`. */
  | { kind: 'field'; field: Glob; text: Glob }
  /** `deck:NAME`: the deck or any of its children. */
  | { kind: 'deck'; deck: Glob }
  /** `tag:NAME`: the tag or any tag below it (`NAME::…`); `tag:none` finds notes without tags. */
  | { kind: 'tag'; tag: Glob }
  | { kind: 'is'; state: CardStateName }
  | { kind: 'flag'; flag: number }
  /** Card created in the last `days` study days (today is 1). */
  | { kind: 'added'; days: number }
  /** Note edited in the last `days` study days. */
  | { kind: 'edited'; days: number }
  /** Answered in the last `days` study days, with `rating` when given. */
  | { kind: 'rated'; days: number; rating: Rating | null }
  /** First answered in the last `days` study days. */
  | { kind: 'introduced'; days: number }
  | { kind: 'prop'; prop: PropertyName; op: Comparison; value: number }
  /** `card:N`: the note's Nth card (the reverse card is 2, cloze cN is N). */
  | { kind: 'card'; ord: number }
  /** `card:NAME`: imported Anki cards whose template has that name. */
  | { kind: 'card-name'; name: Glob }
  /** `note:NAME`: the note type (basic, reverse, cloze, keypoints, story, or an imported Anki type). */
  | { kind: 'note-type'; name: Glob }
  /** `preset:NAME`: cards in decks using that preset. */
  | { kind: 'preset'; name: Glob }
  | { kind: 'note-id'; ids: string[] }
  | { kind: 'card-id'; ids: string[] };

export type SearchKind = SearchNode['kind'];
