// Home: the deck tree with what is new, in learning and due; today's work; a way to start studying.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DeckList, DeckNode } from '../../shared/dto';
import { useApi } from '../app/api-context';
import { ErrorBanner } from '../app/errors';
import { navigate } from '../app/route';
import { TodayPanel } from './TodayPanel';
import { BackupProblem } from './BackupProblem';

function flatten(nodes: DeckNode[], depth = 0, out: { node: DeckNode; depth: number }[] = []) {
  for (const node of nodes) {
    out.push({ node, depth });
    flatten(node.children, depth + 1, out);
  }
  return out;
}

function minutes(ms: number): string {
  const m = Math.round(ms / 60_000);
  return m < 1 ? 'under a minute' : `${m} min`;
}

export function HomeScreen() {
  const api = useApi();
  const [list, setList] = useState<DeckList | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [selected, setSelected] = useState(0);

  const load = useCallback(() => {
    api.listDecks({}).then(setList, setError);
  }, [api]);
  useEffect(load, [load]);

  const rows = useMemo(() => (list ? flatten(list.decks) : []), [list]);
  const totals = useMemo(
    () => (list ? list.decks.reduce((sum, d) => ({ new: sum.new + d.counts.new, learning: sum.learning + d.counts.learning, review: sum.review + d.counts.review }), { new: 0, learning: 0, review: 0 }) : null),
    [list],
  );

  const table = useRef<HTMLTableElement>(null);
  // Set when a key moved the selection, so only that (not the first drawing) scrolls the page.
  const moved = useRef(false);

  // The deck list takes the keys on arrival: after a click on a nav button, ↓ and Enter work at once.
  const loaded = list !== null;
  useEffect(() => {
    if (loaded) table.current?.focus({ preventScroll: true });
  }, [loaded]);

  useEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    table.current?.querySelector('tbody tr[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement || event.target instanceof HTMLSelectElement) return;
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const step = event.key === 'ArrowDown' || event.key === 'j' ? 1 : event.key === 'ArrowUp' || event.key === 'k' ? -1 : 0;
      if (step !== 0) {
        moved.current = true;
        setSelected((i) => Math.max(0, Math.min(rows.length - 1, i + step)));
        // Wherever focus was (a nav button, a Study button), the list has it now, so Enter studies.
        if (document.activeElement !== table.current) table.current?.focus({ preventScroll: true });
      } else if (event.key === 'Enter' && rows[selected] && !(event.target instanceof HTMLButtonElement)) navigate({ screen: 'study', deckId: rows[selected]!.node.id });
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [rows, selected]);

  if (error) return <ErrorBanner error={error} onDismiss={() => (setError(null), load())} />;
  if (!list) return <p className="muted">Loading your decks…</p>;

  const today = list.today;
  return (
    <section className="home" data-testid="home">
      <header className="home-header">
        <div>
          <h1>Decks</h1>
          <p className="muted" data-testid="today">
            {today.reviews === 0
              ? 'Nothing studied yet today.'
              : `Today: ${today.reviews} review${today.reviews === 1 ? '' : 's'} (${today.newCards} new) in ${minutes(today.timeMs)}, ${today.againCount} forgotten.`}
          </p>
        </div>
        {totals && totals.new + totals.learning + totals.review > 0 && (
          <button type="button" className="primary" data-testid="study-all" onClick={() => navigate({ screen: 'study', deckId: null })}>
            Study all ({totals.new + totals.learning + totals.review})
          </button>
        )}
      </header>
      <TodayPanel />
      <BackupProblem />
      {rows.length === 0 ? (
        <p className="muted">No decks yet. Import a deck file with the CLI: interleave import deck.md</p>
      ) : (
        <table
          ref={table}
          className="deck-table"
          role="grid"
          aria-label="Decks"
          tabIndex={0}
          aria-activedescendant={rows[selected] ? `deck-row-${selected}` : undefined}
        >
          <thead>
            <tr>
              <th>Deck</th>
              <th className="num new">New</th>
              <th className="num learning">Learning</th>
              <th className="num due">Due</th>
              <th className="num">Cards</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map(({ node, depth }, index) => (
              <tr
                key={node.id}
                id={`deck-row-${index}`}
                className={index === selected ? 'selected' : undefined}
                aria-selected={index === selected}
                data-testid={`deck-${node.id}`}
                onClick={() => setSelected(index)}
                onDoubleClick={() => navigate({ screen: 'study', deckId: node.id })}
              >
                <td style={{ paddingLeft: `${0.75 + depth * 1.25}rem` }}>
                  <span className="deck-name">{node.shortName}</span>
                  {node.description && depth === 0 && <span className="deck-description muted">{node.description}</span>}
                </td>
                <td className="num new">{node.counts.new || ''}</td>
                <td className="num learning">{node.counts.learning || ''}</td>
                <td className="num due">{node.counts.review || ''}</td>
                <td className="num muted">{node.counts.total}</td>
                <td className="actions">
                  <button type="button" onClick={() => navigate({ screen: 'study', deckId: node.id })} aria-label={`Study ${node.name}`}>
                    Study
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="hint muted">↑/↓ choose a deck · Enter study it</p>
    </section>
  );
}
