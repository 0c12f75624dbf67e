// The message line under the navigation: what just happened, with Undo when it can be taken back.
import { useApi } from '../app/api-context';
import { clearToast, useToast } from './toast';
import { undoLast } from './undo-bus';

export function ToastLine() {
  const api = useApi();
  const toast = useToast();
  if (!toast) return null;
  return (
    <div className={`toast notice ${toast.kind === 'warning' ? 'warning' : ''}`} role="status" data-testid="toast">
      <span data-testid="notice">{toast.message}</span>
      {toast.undo && (
        <button type="button" className="link" data-testid="toast-undo" onClick={() => void undoLast(api)}>
          Undo <kbd>Ctrl+Z</kbd>
        </button>
      )}
      <button type="button" className="link dismiss" aria-label="Dismiss the message" onClick={clearToast}>
        ×
      </button>
    </div>
  );
}
