// The decks as <option>s, in tree order, for every deck picker.
import type { DeckNode } from '../../shared/dto';

export function DeckOptions({ decks }: { decks: DeckNode[] }) {
  return (
    <>
      {decks.map((deck) => (
        <option key={deck.id} value={deck.id}>
          {deck.name}
        </option>
      ))}
    </>
  );
}
