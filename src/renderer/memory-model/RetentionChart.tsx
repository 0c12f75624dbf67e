// "Help me decide": minutes a day and recall at the end for each desired retention, simulated on the learner's own cards.
import { useEffect, useState } from 'react';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Simulation } from '../../shared/planning';
import { useApi } from '../app/api-context';
import { ErrorBanner } from '../app/errors';

const axis = { stroke: 'var(--muted)', fontSize: 11 };
const tooltip = { contentStyle: { background: 'var(--surface)', border: '1px solid var(--border)', color: 'var(--text)' } };

export function RetentionChart({ presetId, planId, title }: { presetId?: string; planId?: string; title: string }) {
  const api = useApi();
  const [simulation, setSimulation] = useState<Simulation | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    setSimulation(null);
    api.simulate({ ...(presetId ? { presetId } : {}), ...(planId ? { planId } : {}) }).then(setSimulation, setError);
  }, [api, presetId, planId]);

  if (error) return <ErrorBanner error={error} />;
  if (!simulation) return <p className="muted">Simulating your next weeks at each retention…</p>;
  const data = simulation.options.map((option) => ({
    retention: `${Math.round(option.desiredRetention * 100)}%${option.desiredRetention === simulation.current ? ' (now)' : ''}`,
    // Small decks take minutes, not hours: a decimal keeps their bars apart.
    minutes: Math.round(option.minutesPerDay * 10) / 10,
    reviews: Math.round(option.reviewsPerDay),
    recall: Math.round(option.recallAtEnd * 1000) / 10,
  }));
  const now = simulation.options.find((option) => option.desiredRetention === simulation.current);
  return (
    <figure className="chart retention-chart" data-testid="retention-chart">
      <figcaption>{title}</figcaption>
      <ResponsiveContainer width="100%" height={240}>
        <ComposedChart data={data}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
          <XAxis dataKey="retention" {...axis} interval="preserveStartEnd" />
          <YAxis yAxisId="minutes" {...axis} label={{ value: 'minutes a day', angle: -90, position: 'insideLeft', fill: 'var(--muted)', fontSize: 11 }} />
          <YAxis yAxisId="recall" orientation="right" domain={[0, 100]} {...axis} unit="%" />
          <Tooltip {...tooltip} />
          <Legend />
          <Bar yAxisId="minutes" dataKey="minutes" name="minutes a day" fill="var(--state-young)" isAnimationActive={false} />
          <Line yAxisId="recall" dataKey="recall" name={planId ? 'recall on the day (%)' : 'recall at the end (%)'} stroke="var(--state-mature)" strokeWidth={2} dot isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
      <p className="muted small">
        {simulation.cards.toLocaleString()} cards over {simulation.days} days, with your own answer times and ratings (simulated, seed {simulation.seed}).
        {now ? ` At your current ${Math.round(now.desiredRetention * 100)}%: about ${now.minutesPerDay < 10 ? now.minutesPerDay.toFixed(1) : Math.round(now.minutesPerDay)} minutes and ${Math.round(now.reviewsPerDay)} reviews a day.` : ''}
      </p>
    </figure>
  );
}
