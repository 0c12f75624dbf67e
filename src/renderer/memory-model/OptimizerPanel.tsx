// Your own memory model: fit the preset's weights to your history, see both scores side by side, apply only on confirmation.
import { useEffect, useRef, useState } from 'react';
import type { OptimizeJob } from '../../shared/planning';
import { useApi } from '../app/api-context';
import { ErrorBanner } from '../app/errors';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function OptimizerPanel({ presetId, presetName, onApplied }: { presetId: string; presetName: string; onApplied: () => void }) {
  const api = useApi();
  const [job, setJob] = useState<OptimizeJob | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [applied, setApplied] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const timer = useRef<number | null>(null);

  useEffect(
    () => () => {
      if (timer.current !== null) window.clearTimeout(timer.current);
    },
    [],
  );
  useEffect(() => {
    setJob(null);
    setApplied(null);
  }, [presetId]);

  const follow = (jobId: string) => {
    api.optimizeJob({ jobId }).then((next) => {
      setJob(next);
      setStarting(false);
      if (next.state === 'running') timer.current = window.setTimeout(() => follow(jobId), 300);
    }, (caught: unknown) => {
      setStarting(false);
      setError(caught);
    });
  };

  const start = async () => {
    setError(null);
    setApplied(null);
    // The start answers once the reviews are gathered and the fit is launched (under a second on a
    // million reviews): until then the row says what is happening and the button cannot start another.
    setStarting(true);
    try {
      const { jobId } = await api.optimizeStart({ presetId });
      follow(jobId);
    } catch (caught) {
      setStarting(false);
      setError(caught);
    }
  };

  const apply = async () => {
    if (!job) return;
    try {
      // Applying fits once more on every review: follow its progress while it runs.
      const applying = api.optimizeApply({ jobId: job.jobId });
      timer.current = window.setTimeout(() => follow(job.jobId), 300);
      const result = await applying;
      follow(job.jobId);
      setApplied(result.message);
      onApplied();
    } catch (caught) {
      setError(caught);
    }
  };

  const result = job?.result ?? null;
  return (
    <section className="optimizer" data-testid="optimizer" aria-labelledby="optimizer-title">
      <h3 id="optimizer-title">Your own memory model</h3>
      <p className="muted">
        FSRS predicts recall with 21 weights. Fitting them to your own reviews of “{presetName}” can predict you better; the fit is scored on your most recent fifth of
        reviews, which it never saw, against the weights in use now.
      </p>
      {error !== null && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
      {starting ? (
        <div className="progress-row" role="status">
          <progress aria-label="Optimizer progress" />
          <span className="muted">reading your reviews</span>
        </div>
      ) : job?.state === 'running' ? (
        // Fitting, or (after "Use my own weights") fitting again on every review before saving.
        <div className="progress-row">
          <progress max={1} value={job.progress} aria-label="Optimizer progress" />
          <span className="muted">{job.phase}</span>
          <button type="button" onClick={() => void api.optimizeCancel({ jobId: job.jobId })}>
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" data-testid="optimize" onClick={() => void start()}>
          {result ? 'Fit again' : 'Fit to my reviews'}
        </button>
      )}
      {job?.state === 'cancelled' && <p className="notice">Cancelled: nothing was changed.</p>}
      {job?.state === 'failed' && <p className="notice warning">{job.error?.message}</p>}
      {result && (
        <div className="optimizer-result" data-testid="optimizer-result">
          {result.current && result.optimized && (
            <table className="compare">
              <caption>
                Scored on {result.test.toLocaleString()} held-out reviews (fitted on {result.train.toLocaleString()}); lower is better
              </caption>
              <thead>
                <tr>
                  <th scope="col" />
                  <th scope="col" className="num">
                    Log loss
                  </th>
                  <th scope="col" className="num">
                    RMSE (bins)
                  </th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <th scope="row">Weights in use</th>
                  <td className="num">{result.current.logLoss.toFixed(4)}</td>
                  <td className="num">{pct(result.current.rmseBins)}</td>
                </tr>
                <tr className={result.verdict === 'better' ? 'winner' : undefined}>
                  <th scope="row">Fitted to you</th>
                  <td className="num">{result.optimized.logLoss.toFixed(4)}</td>
                  <td className="num">{pct(result.optimized.rmseBins)}</td>
                </tr>
              </tbody>
            </table>
          )}
          <p className={result.verdict === 'better' ? 'notice' : 'muted'} role="status">
            {result.message}
          </p>
          {result.verdict === 'better' && !applied && (
            <button type="button" className="primary" data-testid="apply-weights" onClick={() => void apply()}>
              Use my own weights
            </button>
          )}
          {applied && (
            <p className="notice" role="status">
              {applied}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
