// Writes the native deck format, so that parseDeck(serializeDeck(deck)) gives the same deck back.
import { NOTE_TYPES } from '../notes/note-types';
import type { ParsedDeck } from './parse';
import { deckSlug } from './parse';

function quoteIfNeeded(value: string): string {
  return /^\s|\s$|^["']/.test(value) ? JSON.stringify(value) : value;
}

/** Escapes lines that would read as card or field headings; code fences are left verbatim. */
function escapeField(text: string): string {
  let fence: string | null = null;
  return text
    .split('\n')
    .map((line) => {
      const open = /^ {0,3}(`{3,}|~{3,})/.exec(line);
      if (fence !== null) {
        if (open && open[1]![0] === fence[0] && open[1]!.length >= fence.length && line.trim() === open[1]) fence = null;
        return line;
      }
      if (open) {
        fence = open[1]!;
        return line;
      }
      return /^\\*#{2,3}(?!#)/.test(line) ? `\\${line}` : line;
    })
    .join('\n');
}

export function serializeDeck(deck: ParsedDeck): string {
  const { header } = deck;
  const out: string[] = ['---', `deck: ${quoteIfNeeded(header.name)}`];
  if (header.id !== deckSlug(header.name)) out.push(`id: ${header.id}`);
  if (header.description) out.push(`description: ${quoteIfNeeded(header.description.replace(/\s*\n\s*/g, ' '))}`);
  if (header.preset) out.push(`preset: ${header.preset}`);
  out.push('---', '');
  for (const note of deck.notes) {
    out.push(`## ${note.id}`);
    if (note.type !== 'basic') out.push(`type: ${note.type}`);
    if (note.tags.length) out.push(`tags: ${note.tags.join(' ')}`);
    out.push('');
    for (const name of NOTE_TYPES[note.type].fields) {
      const value = note.fields[name];
      if (value === undefined || value === '') continue;
      out.push(`### ${name}`, escapeField(value), '');
    }
  }
  return out.join('\n');
}
