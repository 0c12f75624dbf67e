// The deck tree as a flat list in tree order, for pickers and selects.
import type { DeckNode } from '../../shared/dto';

export function flattenDecks(nodes: DeckNode[]): DeckNode[] {
  return nodes.flatMap((node) => [node, ...flattenDecks(node.children)]);
}
