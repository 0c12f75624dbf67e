// An in-app question with a few answers (unsaved changes, a delete): modal, keyboard-first, Esc cancels.
import { useEffect, useId, useLayoutEffect, useRef } from 'react';

export interface Choice {
  label: string;
  onChoose: () => void;
  kind?: 'primary' | 'danger';
  testId?: string;
}

/**
 * Shown while mounted. `focus` is the choice that takes focus (an index, or the cancel button), so
 * Enter gives the answer the caller judged safe; Esc and the last button cancel. When it goes away and nothing else
 * took focus, focus returns where it was, as a native dialog does.
 */
export function ConfirmDialog({
  title,
  message,
  choices,
  onCancel,
  cancelLabel = 'Cancel',
  focus = 0,
}: {
  title: string;
  message: string;
  choices: Choice[];
  onCancel: () => void;
  cancelLabel?: string;
  focus?: number | 'cancel';
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const first = useRef<HTMLButtonElement>(null);
  const id = useId();

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    // React's autoFocus runs before showModal, which would then move focus to the first button.
    first.current?.focus();
  }, []);

  useLayoutEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const element = dialog.current;
    return () => {
      const current = document.activeElement;
      if (previous?.isConnected && (!current || current === document.body || element?.contains(current))) previous.focus();
    };
  }, []);

  return (
    <dialog
      ref={dialog}
      className="confirm-dialog"
      data-testid="confirm-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-message`}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
      // Keys answer the dialog, never the screen behind it (its shortcuts listen further up).
      onKeyDown={(event) => event.stopPropagation()}
    >
      <h2 id={`${id}-title`}>{title}</h2>
      <p id={`${id}-message`}>{message}</p>
      <footer>
        {choices.map((choice, i) => (
          <button
            key={choice.label}
            ref={i === focus ? first : undefined}
            type="button"
            className={choice.kind ?? ''}
            data-testid={choice.testId}
            onClick={choice.onChoose}
          >
            {choice.label}
          </button>
        ))}
        <button ref={focus === 'cancel' ? first : undefined} type="button" data-testid="confirm-cancel" onClick={onCancel}>
          {cancelLabel}
        </button>
      </footer>
    </dialog>
  );
}
