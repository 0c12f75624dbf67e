// The bar under the card, kept in view while a long answer scrolls: show the answer, or the four ratings and what Space will answer.
import type { Rating, StudyCard } from '../../shared/dto';

export const RATING_LABELS: Record<Rating, string> = { again: 'Again', hard: 'Hard', good: 'Good', easy: 'Easy' };

export interface AnswerBarProps {
  card: StudyCard;
  revealed: boolean;
  busy: boolean;
  /** The rating the ticked points suggest (key-points cards with a tick), outlined. */
  suggestion: Rating | null;
  /** What Space and Enter answer now. */
  spaceRating: Rating;
  ticked: number;
  onReveal: () => void;
  onAnswer: (rating: Rating) => void;
}

export function AnswerBar({ card, revealed, busy, suggestion, spaceRating, ticked, onReveal, onAnswer }: AnswerBarProps) {
  return (
    <>
      <footer className="answer-bar">
        {!revealed ? (
          <button type="button" className="primary wide" data-testid="show-answer" onClick={onReveal}>
            Show answer <kbd>Space</kbd>
          </button>
        ) : (
          <>
            {card.keyPoints && (
              // On key-points cards Space depends on the ticks: say what it will record before it does.
              <p className="pending-rating" data-testid="pending-rating" aria-live="polite">
                <kbd>Space</kbd> answers <strong className={`rating-name ${spaceRating}`}>{RATING_LABELS[spaceRating]}</strong>
                {ticked > 0 ? ` (${ticked} of ${card.keyPoints.length} points)` : ' (no points ticked)'}
              </p>
            )}
            <div className="ratings" role="group" aria-label="How well did you recall it?">
              {card.previews.map((preview, index) => (
                <button
                  key={preview.rating}
                  type="button"
                  className={`rating ${preview.rating}${suggestion === preview.rating ? ' suggested' : ''}`}
                  data-testid={`rate-${preview.rating}`}
                  disabled={busy}
                  onClick={() => onAnswer(preview.rating)}
                >
                  <span className="interval">{preview.label}</span>
                  <span className="label">{RATING_LABELS[preview.rating]}</span>
                  <kbd>{index + 1}</kbd>
                </button>
              ))}
            </div>
          </>
        )}
      </footer>
      <p className="hint muted">
        <kbd>E</kbd> edit · <kbd>S</kbd> suspend · <kbd>B</kbd> bury · <kbd>Ctrl+Z</kbd> undo · <kbd>Esc</kbd> decks
      </p>
    </>
  );
}
