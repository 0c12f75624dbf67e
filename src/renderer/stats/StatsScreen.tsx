// Statistics: today, reviews by kind, forecast, true retention, weak topics, distributions, heatmap, time, counts.
import { useEffect, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, Legend, Pie, PieChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DeckNode } from '../../shared/dto';
import type { AllStats, Distribution } from '../../shared/statistics';
import { useApi } from '../app/api-context';
import { DeckOptions } from '../app/DeckOptions';
import { flattenDecks } from '../app/deck-list';
import { ErrorBanner } from '../app/errors';
import { Heatmap } from './Heatmap';
import { CalibrationChart } from '../memory-model/CalibrationChart';

/** One colour per card state, the same in every chart: Okabe and Ito's palette, told apart with any colour vision (app.css). */
const STATE_COLORS = {
  new: 'var(--state-new)',
  learning: 'var(--state-learning)',
  relearning: 'var(--state-relearning)',
  young: 'var(--state-young)',
  mature: 'var(--state-mature)',
  suspended: 'var(--state-suspended)',
  buried: 'var(--state-buried)',
};
const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;
/** Topics listed before "Show all". */
const TOPICS_SHOWN = 15;
const pct = (value: number | null) => (value === null ? '–' : `${(value * 100).toFixed(1)}%`);
const axis = { stroke: 'var(--muted)', fontSize: 11 };
const tooltip = { contentStyle: { background: 'var(--surface)', border: '1px solid var(--border)', color: 'var(--text)' } };


function Chart({ title, testId, children, height = 220 }: { title: string; testId: string; children: React.ReactElement; height?: number }) {
  return (
    <figure className="chart stat" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <ResponsiveContainer width="100%" height={height}>
        {children}
      </ResponsiveContainer>
    </figure>
  );
}

function DistributionChart({ title, testId, data, color }: { title: string; testId: string; data: Distribution; color: string }) {
  return (
    <Chart title={`${title} (mean ${data.mean === null ? '–' : data.mean.toFixed(2)})`} testId={testId} height={180}>
      <BarChart data={data.bins}>
        <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
        <XAxis dataKey="label" {...axis} interval="preserveStartEnd" />
        <YAxis {...axis} allowDecimals={false} />
        <Tooltip {...tooltip} />
        <Bar dataKey="count" name="cards" fill={color} isAnimationActive={false} />
      </BarChart>
    </Chart>
  );
}

export function StatsScreen() {
  const api = useApi();
  const [deckId, setDeckId] = useState('');
  const [range, setRange] = useState<30 | 90 | 365>(30);
  const [stats, setStats] = useState<AllStats | null>(null);
  const [decks, setDecks] = useState<DeckNode[]>([]);
  const [error, setError] = useState<unknown>(null);
  /** The weak-topics table shows the weakest first; all of them on request. */
  const [allTopics, setAllTopics] = useState(false);

  useEffect(() => {
    api.listDecks({}).then((list) => setDecks(flattenDecks(list.decks)), setError);
  }, [api]);
  useEffect(() => {
    api.stats({ ...(deckId ? { deckId } : {}), range }).then(setStats, setError);
  }, [api, deckId, range]);

  if (error) return <ErrorBanner error={error} />;
  if (!stats) return <p className="muted">Counting…</p>;
  const t = stats.today;
  const counts = stats.cards;
  const states = ['new', 'learning', 'relearning', 'young', 'mature', 'suspended', 'buried'] as const;
  const countData = states
    .map((name) => ({ name, value: counts[name], color: STATE_COLORS[name] }))
    .filter((entry) => entry.value > 0);
  const share = (value: number) => `${Math.round((value / Math.max(1, counts.total)) * 100)}%`;

  return (
    <section className="stats" data-testid="stats">
      <header className="stats-header">
        <h1>Statistics</h1>
        <select value={deckId} onChange={(event) => setDeckId(event.target.value)} data-testid="stats-deck" aria-label="Deck">
          <option value="">All decks</option>
          <DeckOptions decks={decks} />
        </select>
        <select value={range} onChange={(event) => setRange(Number(event.target.value) as 30 | 90 | 365)} aria-label="Period" data-testid="stats-range">
          <option value={30}>Last month</option>
          <option value={90}>Last 3 months</option>
          <option value={365}>Last year</option>
        </select>
      </header>

      <div className="stat-tiles" data-testid="stats-today">
        <div>
          <strong>{t.cardsStudied}</strong> cards studied today
        </div>
        <div>
          <strong>{Math.round(t.timeMs / 60_000)}</strong> min
        </div>
        <div>
          <strong>{pct(t.againRate)}</strong> again ({t.againCount})
        </div>
        <div>
          <strong>{stats.heatmap.currentStreak}</strong> day streak (longest {days(stats.heatmap.longestStreak)})
        </div>
      </div>

      <div className="stats-grid">
        <Chart title="Reviews per day by kind" testId="chart-reviews">
          <BarChart data={stats.reviews.days}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
            <XAxis dataKey="date" {...axis} />
            <YAxis {...axis} allowDecimals={false} />
            <Tooltip {...tooltip} />
            <Legend />
            {(['learning', 'young', 'mature', 'relearning'] as const).map((kind) => (
              <Bar key={kind} dataKey={kind} stackId="kind" fill={STATE_COLORS[kind]} isAnimationActive={false} />
            ))}
          </BarChart>
        </Chart>

        <Chart title={`Due in the coming days (${stats.forecast.overdueReviews} overdue now)`} testId="chart-forecast">
          <BarChart data={stats.forecast.days}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
            <XAxis dataKey="date" {...axis} />
            <YAxis {...axis} allowDecimals={false} />
            <Tooltip {...tooltip} />
            <Legend />
            <Bar dataKey="reviews" stackId="due" fill="var(--due)" isAnimationActive={false} />
            <Bar dataKey="learning" stackId="due" fill="var(--learning)" isAnimationActive={false} />
          </BarChart>
        </Chart>

        <figure className="chart stat" data-testid="chart-retention">
          <figcaption>True retention (desired {pct(stats.retention.desiredRetention)})</figcaption>
          <table className="retention-table">
            <thead>
              <tr>
                <th>
                  <span className="visually-hidden">Period</span>
                </th>
                <th scope="col">Young</th>
                <th scope="col">Mature</th>
                <th scope="col">All</th>
              </tr>
            </thead>
            <tbody>
              {stats.retention.rows.map((row) => (
                <tr key={row.period}>
                  <th scope="row">{row.period}</th>
                  {([row.young, row.mature, row.all] as const).map((count, i) => (
                    <td key={i} className={count.rate !== null && count.rate < stats.retention.desiredRetention - 0.05 ? 'low' : ''}>
                      {pct(count.rate)} <span className="muted">({count.reviews})</span>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted stat-note" data-testid="retention-note">
            The share of reviews of cards past learning that you recalled (Hard, Good or Easy), with the number of reviews in brackets. Young
            cards have an interval under 21 days, mature ones 21 days or more.
            {stats.retention.rows.every((row) => row.all.reviews === 0)
              ? ' “–” means no such review yet: new cards count here once they have graduated from their learning steps and come due again.'
              : ' “–” means no such review in that period.'}
          </p>
        </figure>

        <figure className="chart stat" data-testid="chart-topics">
          <figcaption>Where you are weak: retention by topic, weakest first</figcaption>
          <table className="topic-table">
            <thead>
              <tr>
                <th scope="col">Topic</th>
                <th scope="col">Cards</th>
                <th scope="col">Pass rate</th>
                <th scope="col">Recall now</th>
              </tr>
            </thead>
            <tbody>
              {(allTopics ? stats.topics.topics : stats.topics.topics.slice(0, TOPICS_SHOWN)).map((topic) => (
                <tr key={topic.topic}>
                  <td>
                    {topic.title ?? topic.topic}
                    {topic.title && <span className="topic-tag muted">{topic.topic}</span>}
                  </td>
                  <td>{topic.cards}</td>
                  <td>{pct(topic.passRate)}</td>
                  <td>
                    <span className="bar" style={{ width: `${Math.round((topic.meanRetrievability ?? 0) * 100)}%` }} />
                    {pct(topic.meanRetrievability)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {stats.topics.topics.length > TOPICS_SHOWN && (
            <button type="button" className="link" data-testid="all-topics" aria-expanded={allTopics} onClick={() => setAllTopics(!allTopics)}>
              {allTopics ? `Show the ${TOPICS_SHOWN} weakest` : `Show all ${stats.topics.topics.length} topics`}
            </button>
          )}
          {stats.topics.topics.every((topic) => topic.passRate === null && topic.meanRetrievability === null) && (
            <p className="muted stat-note">No topic has been reviewed yet: the weakest rise to the top as you study.</p>
          )}
        </figure>

        <DistributionChart title="Stability (days)" testId="chart-stability" data={stats.distributions.stability} color="var(--easy)" />
        <DistributionChart title="Difficulty" testId="chart-difficulty" data={stats.distributions.difficulty} color="var(--hard)" />
        <DistributionChart title="Recall probability now" testId="chart-retrievability" data={stats.distributions.retrievability} color="var(--good)" />

        <Chart title={`Time per day (${Math.round(stats.time.totalMinutes)} min in all)`} testId="chart-time" height={180}>
          <BarChart data={stats.time.days}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
            <XAxis dataKey="date" {...axis} />
            <YAxis {...axis} unit="m" />
            <Tooltip {...tooltip} />
            <Bar dataKey="minutes" fill="var(--accent)" isAnimationActive={false} />
          </BarChart>
        </Chart>

        <Chart title="By hour of the day" testId="chart-hours" height={180}>
          <BarChart data={stats.time.hours}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
            <XAxis dataKey="hour" {...axis} />
            <YAxis {...axis} allowDecimals={false} />
            <Tooltip {...tooltip} formatter={(value, name) => (name === 'passRate' ? pct(Number(value)) : String(value))} />
            <Bar dataKey="reviews" fill="var(--accent)" isAnimationActive={false} />
          </BarChart>
        </Chart>

        <Chart title={`Cards by state (${counts.total})`} testId="chart-counts" height={200}>
          <PieChart>
            {/* No labels on the slices: small ones overlap. The legend beside the ring names each state with its count. */}
            <Pie data={countData} dataKey="value" nameKey="name" innerRadius={50} outerRadius={85} isAnimationActive={false} stroke="var(--surface)">
              {countData.map((entry) => (
                <Cell key={entry.name} fill={entry.color} />
              ))}
            </Pie>
            <Tooltip {...tooltip} formatter={(value, name) => [`${String(value)} cards (${share(Number(value))})`, String(name)]} />
            <Legend
              layout="vertical"
              align="right"
              verticalAlign="middle"
              iconType="square"
              itemSorter={(item) => states.indexOf(item.value as (typeof states)[number])}
              wrapperStyle={{ width: '48%' }}
              formatter={(name: string) => {
                const entry = countData.find((e) => e.name === name);
                return (
                  <span className="legend-label">
                    {name} <strong>{entry?.value ?? 0}</strong> <span className="muted">({share(entry?.value ?? 0)})</span>
                  </span>
                );
              }}
            />
          </PieChart>
        </Chart>
      </div>

      <Heatmap heatmap={stats.heatmap} />
      <CalibrationChart {...(deckId ? { deckId } : {})} />
    </section>
  );
}
