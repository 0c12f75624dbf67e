// The preset each deck uses, changed in place, with the answer shown in the row that was changed.
import type { DeckNode, Preset } from '../../shared/dto';
import { FeedbackLine, type Feedback } from './Feedback';

export function DeckPresetTable({
  decks,
  presets,
  feedback,
  onAssign,
  onDismiss,
}: {
  decks: DeckNode[];
  presets: Preset[];
  feedback: Feedback | null;
  onAssign: (deck: DeckNode, presetId: string) => void;
  onDismiss: () => void;
}) {
  return (
    <table className="deck-presets">
      <tbody>
        {decks.map((deck) => (
          <tr key={deck.id}>
            <td>{deck.name}</td>
            <td>
              <select value={deck.presetId} aria-label={`Preset of ${deck.name}`} onChange={(event) => onAssign(deck, event.target.value)}>
                {presets.map((preset) => (
                  <option key={preset.id} value={preset.id}>
                    {preset.name}
                  </option>
                ))}
              </select>
            </td>
            <td>
              <FeedbackLine feedback={feedback} at={`deck:${deck.id}`} onDismiss={onDismiss} compact />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
