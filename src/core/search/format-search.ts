// Writes a SearchNode as query text that parses back to the same tree: saved and normalised searches.
import type { Glob, SearchNode } from './search-node';

/**
 * The query for a tree. `parseSearch(formatSearch(tree))` gives the tree back for every tree the
 * parser makes. A field whose name is a search key (`deck`, `tag`, …) cannot be written, as in Anki.
 */
export function formatSearch(node: SearchNode): string {
  switch (node.kind) {
    case 'all':
      return '';
    case 'and':
      return node.nodes.map((child) => (child.kind === 'and' || child.kind === 'or' ? `(${formatSearch(child)})` : nested(child))).join(' ');
    case 'or':
      // AND binds tighter than OR, so an AND inside an OR needs no parentheses.
      return node.nodes.map((child) => (child.kind === 'or' ? `(${formatSearch(child)})` : nested(child))).join(' OR ');
    case 'not': {
      const inner = node.node;
      return `-${inner.kind === 'and' || inner.kind === 'or' || inner.kind === 'not' ? `(${formatSearch(inner)})` : nested(inner)}`;
    }
    case 'text':
      return term(null, node.text);
    case 'field':
      return term(node.field, node.text);
    case 'word':
      return term('w', node.text);
    case 'no-accents':
      return term('nc', node.text);
    case 'regex':
      // Written as typed, quoted (its own backslashes kept): only a quote inside needs escaping.
      return `"re:${node.source.replace(/"/g, '\\"')}"`;
    case 'dupe':
      return term('dupe', `${node.noteType},${node.text}`);
    case 'deck':
      return term('deck', node.deck);
    case 'tag':
      return term('tag', node.tag);
    case 'is':
      return `is:${node.state}`;
    case 'flag':
      return `flag:${node.flag}`;
    case 'added':
    case 'edited':
    case 'introduced':
      return `${node.kind}:${node.days}`;
    case 'rated':
      return node.rating === null ? `rated:${node.days}` : `rated:${node.days}:${node.rating}`;
    case 'prop':
      return `prop:${node.prop}${node.op}${String(node.value)}`;
    case 'card':
      return `card:${node.ord}`;
    case 'card-name':
      return term('card', node.name);
    case 'note-type':
      return term('note', node.name);
    case 'preset':
      return term('preset', node.name);
    case 'note-id':
      return term('nid', node.ids.join(','));
    case 'card-id':
      return term('cid', node.ids.join(','));
  }
}

/** A node inside another: the whole collection has no text of its own, so it is written as every deck. */
function nested(node: SearchNode): string {
  return node.kind === 'all' ? 'deck:*' : formatSearch(node);
}

/** `key:value` or free text, escaped, and quoted when spaces or parentheses would split it. */
function term(key: string | null, value: Glob): string {
  const splits = (text: string) => /[\s()]/.test(text);
  if (key === null) {
    const written = value.replace(/[":]/g, (ch) => `\\${ch}`);
    const quote = splits(written) || written.startsWith('-') || /^(and|or)$/i.test(value);
    return quote ? `"${written}"` : written;
  }
  const writtenKey = key.replace(/[":]/g, (ch) => `\\${ch}`);
  // A value starting `re:` or `nc:` would read as Anki's regex or no-accents search: escape its colon.
  const safe = /^(re|nc):/i.test(value) ? `${value.slice(0, 2)}\\:${value.slice(3)}` : value;
  const writtenValue = safe.replace(/"/g, '\\"');
  const keyQuoted = splits(writtenKey) || writtenKey.startsWith('-');
  if (!keyQuoted && !splits(writtenValue)) return `${writtenKey}:${writtenValue}`;
  // `deck:"LLMs & RAG"`, as people write it; an empty value cannot be quoted.
  if (!keyQuoted && writtenValue) return `${writtenKey}:"${writtenValue}"`;
  return `"${writtenKey}:${writtenValue}"`;
}
