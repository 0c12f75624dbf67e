// One place that shows what went wrong, as plain sentences (describe-error.ts), with a way to dismiss it.
import { describeError } from './describe-error';

export { describeError };

export function ErrorBanner({ error, onDismiss }: { error: unknown; onDismiss?: () => void }) {
  if (!error) return null;
  return (
    <div className="error-banner" role="alert" data-testid="error">
      <span>{describeError(error)}</span>
      {onDismiss && (
        <button type="button" className="link" onClick={onDismiss}>
          Dismiss
        </button>
      )}
    </div>
  );
}
