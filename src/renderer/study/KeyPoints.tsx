// The checklist of a key-points card: the learner ticks what they recalled, which suggests a rating.
import { useId } from 'react';
import { CardFace } from './CardFace';

/** Shift+1…Shift+9 tick the first nine points; digits alone stay the grade keys. */
export const POINT_KEYS = 9;

/** `detail` is 0 for a click made with the keyboard (Space on a focused box) and 1 or more for a pointer. */
function blurAfterClick(detail: number, label: HTMLLabelElement): void {
  if (detail === 0) return;
  const box = label.querySelector('input');
  // A tick by pointer: Space answers from now on. A box that had focus from the keyboard lets go
  // now; the clicked one, which the label focuses after this handler, is marked as focused by the
  // pointer (StudyScreen answers Space there) until it lets go a moment later.
  const focused = document.activeElement;
  if (focused instanceof HTMLElement && focused !== box) focused.blur();
  if (box) box.dataset.byPointer = 'true';
  // After the label has passed the click on and focused the box.
  window.setTimeout(() => box?.blur());
}

export function KeyPoints({ points, ticked, onToggle }: { points: string[]; ticked: Set<number>; onToggle: (index: number) => void }) {
  const keyed = Math.min(POINT_KEYS, points.length);
  const id = useId();
  return (
    <>
      <p className="key-points-help muted" data-testid="key-points-help">
        Tick what you recalled: {keyed > 1 ? <><kbd>⇧1</kbd>…<kbd>⇧{keyed}</kbd></> : <kbd>⇧1</kbd>} or click
        {points.length > POINT_KEYS ? `; points ${POINT_KEYS + 1}–${points.length} by click only` : ''}.
      </p>
      <ol className="key-points" data-testid="key-points">
        {points.map((point, index) => (
          <li key={index} className={ticked.has(index) ? 'ticked' : undefined}>
            {/* A click ticks and lets go of focus, so Space answers as the bar under the card says; a box reached with Tab keeps it, and Space ticks it. */}
            {/* A mouse press never focuses the box (and a click lets go of it), so Space answers rather than unticking. */}
            <label onMouseDown={(event) => event.preventDefault()} onClick={(event) => blurAfterClick(event.detail, event.currentTarget)}>
              {/* Announced by its text, as the learner reads it, not as "Point 1". */}
              <input
                type="checkbox"
                checked={ticked.has(index)}
                onChange={() => onToggle(index)}
                onBlur={(event) => delete event.currentTarget.dataset.byPointer}
                aria-labelledby={`${id}-point-${index}`}
              />
              {index < POINT_KEYS ? (
                <kbd className="key" title={`Shift+${index + 1} ticks this point`}>
                  ⇧{index + 1}
                </kbd>
              ) : (
                <span className="key" title="Click to tick this point">
                  {index + 1}
                </span>
              )}
              <CardFace html={point} className="point" id={`${id}-point-${index}`} />
            </label>
          </li>
        ))}
      </ol>
    </>
  );
}
