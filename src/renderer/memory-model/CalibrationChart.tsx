// Is the model right for this learner? Predicted recall against observed recall, bin by bin, with the reviews behind each.
import { useEffect, useState } from 'react';
import { CartesianGrid, ComposedChart, Line, ResponsiveContainer, Scatter, Tooltip, XAxis, YAxis } from 'recharts';
import type { Calibration } from '../../shared/planning';
import { useApi } from '../app/api-context';
import { ErrorBanner } from '../app/errors';

const axis = { stroke: 'var(--muted)', fontSize: 11 };
const tooltip = { contentStyle: { background: 'var(--surface)', border: '1px solid var(--border)', color: 'var(--text)' } };
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function CalibrationChart({ deckId }: { deckId?: string }) {
  const api = useApi();
  const [calibration, setCalibration] = useState<Calibration | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api.calibration({ ...(deckId ? { deckId } : {}) }).then(setCalibration, setError);
  }, [api, deckId]);

  if (error) return <ErrorBanner error={error} />;
  if (!calibration) return null;
  const points = calibration.bins.map((bin) => ({ predicted: Math.round(bin.predicted * 1000) / 10, observed: Math.round(bin.observed * 1000) / 10, reviews: bin.reviews }));
  return (
    <section className="calibration stat" data-testid="calibration" aria-labelledby="calibration-title">
      <h2 id="calibration-title">Is the model right for you?</h2>
      {calibration.reviews === 0 ? (
        <p className="muted">
          Once cards come back a day or more after you last saw them, this compares the recall FSRS predicted with what you actually recalled. It is the evidence behind
          every readiness figure.
        </p>
      ) : (
        <>
          <p className="muted">
            On {calibration.reviews.toLocaleString()} of your reviews, predicted recall was off by {pct(calibration.calibrationError)} on average (RMSE over bins{' '}
            {pct(calibration.rmseBins)}). Points on the diagonal mean the predictions hold.
          </p>
          <ResponsiveContainer width="100%" height={240}>
            <ComposedChart data={points}>
              <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
              <XAxis type="number" dataKey="predicted" domain={[0, 100]} unit="%" {...axis} name="predicted" />
              <YAxis type="number" dataKey="observed" domain={[0, 100]} unit="%" {...axis} name="observed" />
              <Tooltip {...tooltip} />
              <Line data={[{ predicted: 0, observed: 0 }, { predicted: 100, observed: 100 }]} dataKey="observed" stroke="var(--muted)" strokeDasharray="4 4" dot={false} isAnimationActive={false} legendType="none" />
              <Scatter dataKey="observed" name="observed recall" fill="var(--state-mature)" isAnimationActive={false} />
            </ComposedChart>
          </ResponsiveContainer>
          <table className="calibration-table">
            <caption className="visually-hidden">Predicted and observed recall by bin</caption>
            <thead>
              <tr>
                <th scope="col">Predicted</th>
                <th scope="col" className="num">
                  Observed
                </th>
                <th scope="col" className="num">
                  Reviews
                </th>
              </tr>
            </thead>
            <tbody>
              {calibration.bins.map((bin) => (
                <tr key={bin.from}>
                  <th scope="row">
                    {Math.round(bin.from * 100)}–{Math.round(bin.to * 100)}%
                  </th>
                  <td className="num">{pct(bin.observed)}</td>
                  <td className="num">{bin.reviews}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
