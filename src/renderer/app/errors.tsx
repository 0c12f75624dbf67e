// One place that shows what went wrong, in the service's own words, with where when it knows.
import { AppError, formatWhere } from '../../shared/errors';

export function describeError(error: unknown): string {
  if (error instanceof AppError) {
    const where = formatWhere(error.where);
    return where && !error.message.includes(where) ? `${error.message} (${where})` : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

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
