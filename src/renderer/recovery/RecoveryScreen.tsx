// Shown instead of the app when the data folder is damaged: what is wrong, where, and the way back.
import { useState } from 'react';
import type { DataStatus } from '../../shared/dto';
import { useApi } from '../app/api-context';
import { ErrorBanner } from '../app/errors';

/** The step the learner is about to take, said in full before it is taken. */
interface Pending {
  label: string;
  consequence: string;
  run: () => Promise<DataStatus>;
}

export function RecoveryScreen({ status, onRecovered }: { status: DataStatus; onRecovered: (status: DataStatus) => void }) {
  const api = useApi();
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const damage = status.damage!;
  // Each way back says what it keeps; the service lists them best first (most reviews kept).
  const ways = status.waysBack ?? [];
  const act = async (action: () => Promise<DataStatus>) => {
    try {
      const next = await action();
      if (next.ok) onRecovered(next);
      else setError(new Error('The collection is still damaged after that step.'));
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <section className="recovery" data-testid="recovery">
      <h1>Your collection needs attention</h1>
      <p>
        Interleave found damage in <code>{damage.file}</code> at {damage.position}: {damage.problem}.
      </p>
      <p>Nothing has been written since, and nothing will be until you choose below. The damaged files are kept in a “damaged” folder, not deleted.</p>
      <ErrorBanner error={error} onDismiss={() => setError(null)} />
      {pending && (
        <div className="confirm" role="alertdialog" aria-labelledby="confirm-label" data-testid="confirm">
          <p id="confirm-label">
            <strong>{pending.label}?</strong> {pending.consequence}
          </p>
          <button type="button" className="primary" autoFocus onClick={() => void act(pending.run).finally(() => setPending(null))}>
            {pending.label}
          </button>{' '}
          <button type="button" onClick={() => setPending(null)}>
            Cancel
          </button>
        </div>
      )}
      <h2>Ways back, best first</h2>
      {ways.length === 0 ? (
        <p className="muted">No way back is known: there is no backup, and the journal cannot rebuild the collection. Data folder: {status.dataDir}</p>
      ) : (
        <ol className="ways-back" data-testid="ways-back">
          {ways.map((way) => (
            <li key={way.command} data-testid={`way-${way.kind}`}>
              <span>
                <strong>{way.label}</strong>
                <br />
                <span className="muted">{way.detail}</span>
              </span>
              {way.kind === 'rebuild' && (
                <button type="button" className="primary" data-testid="rebuild" onClick={() => void act(() => api.rebuildFromJournal({}))}>
                  Rebuild from the journal (loses nothing)
                </button>
              )}
              {way.kind === 'cut' && (
                <button
                  type="button"
                  data-testid="keep-before"
                  onClick={() =>
                    setPending({
                      label: 'Continue from the last good entry',
                      consequence: `Everything before the damaged line is kept. The ${damage.keepBefore!.entriesAfter} journal ${damage.keepBefore!.entriesAfter === 1 ? 'entry' : 'entries'} from it on (the most recent answers and changes) leave the collection; the whole journal is copied to the “damaged” folder first.`,
                      run: () => api.keepJournalUntilDamage({}),
                    })
                  }
                >
                  Continue from the last good entry
                </button>
              )}
              {way.kind === 'restore' && way.backup && (
                <button
                  type="button"
                  data-testid={`restore-${way.backup.name}`}
                  onClick={() =>
                    setPending({
                      label: `Restore the backup of ${new Date(way.backup!.createdAt).toLocaleString()}`,
                      consequence: `The collection goes back to that moment (${way.label.replace(/^backup of [^:]*: /, '')}): answers and changes made after it leave the collection. The current files are moved to the “damaged” folder, not deleted.`,
                      run: () => api.restoreBackup({ name: way.backup!.name }),
                    })
                  }
                >
                  Restore
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
