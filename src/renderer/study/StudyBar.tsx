// The strip above the card: back to the decks, what is left today (labelled, not only coloured), undo.
import type { DeckCounts } from '../../shared/dto';
import { navigate } from '../app/route';

export function StudyBar({ counts, onUndo }: { counts: Pick<DeckCounts, 'new' | 'learning' | 'review'>; onUndo: () => void }) {
  return (
    <div className="study-bar">
      <button type="button" className="link" onClick={() => navigate({ screen: 'home' })}>
        ← Decks
      </button>
      <div className="counts" data-testid="counts" aria-label="Cards left today">
        <span className="new" data-testid="count-new">
          <strong>{counts.new}</strong> <span className="count-label">New</span>
        </span>
        <span className="learning" data-testid="count-learning">
          <strong>{counts.learning}</strong> <span className="count-label">Learning</span>
        </span>
        <span className="due" data-testid="count-review">
          <strong>{counts.review}</strong> <span className="count-label">Review</span>
        </span>
      </div>
      <button type="button" className="link" onClick={onUndo} title="Undo the last answer, suspend, bury or change (Ctrl/Cmd+Z)">
        Undo
      </button>
    </div>
  );
}
