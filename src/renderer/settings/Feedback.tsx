// What the last settings action said, shown beside the control that caused it and scrolled into view.
import { useEffect, useRef } from 'react';
import { ErrorBanner } from '../app/errors';

/**
 * One message at a time: a new one replaces the last, wherever it was. `at` names the place on the
 * screen ("general", "presets", "save", "deck:<id>"); `id` tells two equal messages apart, so
 * saving twice still scrolls the second into view.
 */
export type Feedback = { at: string; id: number } & ({ kind: 'saved'; message: string } | { kind: 'error'; error: unknown });

export function FeedbackLine({ feedback, at, onDismiss, compact = false }: { feedback: Feedback | null; at: string; onDismiss: () => void; compact?: boolean }) {
  const box = useRef<HTMLDivElement>(null);
  const shown = feedback && feedback.at === at ? feedback : null;
  useEffect(() => {
    // At 1024x640 the Save button is at the bottom of a long page: the answer must not be out of sight.
    if (shown) box.current?.scrollIntoView({ block: 'nearest' });
  }, [shown?.id]);
  if (!shown) return null;
  return (
    <div ref={box} className={`feedback ${compact ? 'compact' : ''}`} data-testid={`feedback-${at}`}>
      {shown.kind === 'error' ? (
        <ErrorBanner error={shown.error} onDismiss={onDismiss} />
      ) : (
        <p className="notice" role="status">
          {shown.message}
        </p>
      )}
    </div>
  );
}
