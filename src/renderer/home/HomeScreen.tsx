// Home: the deck tree with what is new, in learning and due; today's work; studying; making, moving and removing decks.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import type { DeckList, DeckNode } from '../../shared/dto';
import { useApi } from '../app/api-context';
import { flattenDecks } from '../app/deck-list';
import { ErrorBanner } from '../app/errors';
import { navigate } from '../app/route';
import { TodayPanel } from './TodayPanel';
import { BackupProblem } from './BackupProblem';
import { showToast } from '../undo/toast';
import { onUndone } from '../undo/undo-bus';
import { DeckDialog, type DeckQuestion } from './DeckDialog';
import { DeckMenu, type DeckAction } from './DeckMenu';
import { SEPARATOR_TEXT } from './deck-tree-text';
import { loadStudyScreen } from '../study/load-study';

/** What a dragged deck row carries: its id, under a type no file or text drop has. */
const DECK_DRAG = 'application/x-interleave-deck';

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
  const [question, setQuestion] = useState<DeckQuestion | null>(null);
  /** The deck being dragged, and the deck (or '' for the top level) it would land in. */
  const [dragging, setDragging] = useState<DeckNode | null>(null);
  const [dropOn, setDropOn] = useState<string | null>(null);

  const load = useCallback(() => {
    api.listDecks({}).then(setList, setError);
  }, [api]);
  useEffect(load, [load]);
  // The decks are on screen: now the study screen's code, which Study, Enter or a double click will want.
  const shown = list !== null;
  useEffect(() => {
    if (shown) void loadStudyScreen();
  }, [shown]);
  useEffect(() => onUndone(load), [load]);

  /** After a change: the list again, and a message that offers to take it back. */
  const done = (label: string) => {
    setQuestion(null);
    if (label) showToast(`Done: ${label}.`, { undo: true });
    load();
  };
  const act = (deck: DeckNode, action: DeckAction) => {
    if (action !== 'unbury') return setQuestion({ kind: action, deck });
    api.changeDeck({ change: { action: 'unbury', deckId: deck.id } }).then((result) => done(result.label), setError);
  };

  const rows = useMemo(() => (list ? flatten(list.decks) : []), [list]);
  const totals = useMemo(
    () => (list ? list.decks.reduce((sum, d) => ({ new: sum.new + d.counts.new, learning: sum.learning + d.counts.learning, review: sum.review + d.counts.review }), { new: 0, learning: 0, review: 0 }) : null),
    [list],
  );

  const table = useRef<HTMLTableElement>(null);
  // Set when a key moved the selection, so only that (not the first drawing) scrolls the page.
  const moved = useRef(false);

  useEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    table.current?.querySelector('tbody tr[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  // In step with the rows on screen before they are painted: Enter the moment the decks show studies the chosen one.
  useLayoutEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement || event.target instanceof HTMLSelectElement) return;
      if (event.altKey || event.ctrlKey || event.metaKey || document.querySelector('dialog[open]')) return;
      const step = event.key === 'ArrowDown' || event.key === 'j' ? 1 : event.key === 'ArrowUp' || event.key === 'k' ? -1 : 0;
      if (step !== 0) {
        moved.current = true;
        setSelected((i) => Math.max(0, Math.min(rows.length - 1, i + step)));
        // Enter then studies the chosen deck, wherever focus was (a nav button leaves it).
        if (document.activeElement instanceof HTMLButtonElement) document.activeElement.blur();
      } else if (event.key === 'Enter' && rows[selected] && !(event.target instanceof HTMLButtonElement)) navigate({ screen: 'study', deckId: rows[selected]!.node.id });
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [rows, selected]);

  /** A deck may land on any deck but itself and those inside it, or ('') on the top level unless it is there. */
  const canLand = (target: string) => {
    if (!dragging || target === dragging.id) return false;
    if (target === '') return dragging.name.includes(SEPARATOR_TEXT);
    const deck = rows.find((row) => row.node.id === target)?.node;
    return deck !== undefined && !deck.name.startsWith(dragging.name + SEPARATOR_TEXT);
  };
  const over = (event: DragEvent, target: string) => {
    if (!event.dataTransfer.types.includes(DECK_DRAG) || !canLand(target)) return;
    event.preventDefault();
    event.stopPropagation();
    event.dataTransfer.dropEffect = 'move';
    setDropOn(target);
  };
  const drop = async (event: DragEvent, parentId: string | null) => {
    const deckId = event.dataTransfer.getData(DECK_DRAG);
    if (!deckId || !canLand(parentId ?? '')) return;
    event.preventDefault();
    event.stopPropagation();
    setDragging(null);
    setDropOn(null);
    try {
      done((await api.changeDeck({ change: { action: 'move', deckId, parentId } })).label);
    } catch (caught) {
      setError(caught);
    }
  };

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
        <div className="home-actions">
          <button type="button" data-testid="new-deck" onClick={() => setQuestion({ kind: 'create', parentId: null })}>
            New deck
          </button>
          {totals && totals.new + totals.learning + totals.review > 0 && (
            <button type="button" className="primary" data-testid="study-all" onClick={() => navigate({ screen: 'study', deckId: null })}>
              Study all ({totals.new + totals.learning + totals.review})
            </button>
          )}
        </div>
      </header>
      <TodayPanel />
      <BackupProblem />
      {rows.length === 0 ? (
        <div className="empty-decks" data-testid="no-decks">
          <p>No decks yet. Bring in the cards you have, or start a deck of your own:</p>
          <p>
            <button type="button" className="primary" onClick={() => navigate({ screen: 'import', picked: null })}>
              Import a deck file or Anki package…
            </button>{' '}
            <button type="button" onClick={() => setQuestion({ kind: 'create', parentId: null })}>
              New deck
            </button>
          </p>
          <p className="muted">You can also drop a file anywhere on this window.</p>
        </div>
      ) : (
        <>
          <table ref={table} className="deck-table" data-testid="deck-table">
            <caption className="visually-hidden">Your decks, with the cards new, in learning and due today. ↑/↓ choose a deck, Enter studies it.</caption>
            <thead>
              {/* While a deck is dragged, the header is where it lands to go to the top level (nothing moves under the pointer). */}
              <tr
                className={dropOn === '' ? 'drop-target' : undefined}
                data-testid="drop-top-level"
                onDragOver={(event) => over(event, '')}
                onDragLeave={() => setDropOn((current) => (current === '' ? null : current))}
                onDrop={(event) => void drop(event, null)}
              >
                <th scope="col">{dragging && canLand('') ? `Drop here to move ${dragging.shortName} to the top level` : 'Deck'}</th>
                <th scope="col" className="num new">New</th>
                <th scope="col" className="num learning">Learning</th>
                <th scope="col" className="num due">Due</th>
                <th scope="col" className="num">Cards</th>
                <th scope="col" className="actions">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ node, depth }, index) => (
                <tr
                  key={node.id}
                  id={`deck-row-${index}`}
                  className={[index === selected ? 'selected' : '', dropOn === node.id ? 'drop-target' : '', dragging?.id === node.id ? 'dragged' : ''].filter(Boolean).join(' ')}
                  aria-current={index === selected ? 'true' : undefined}
                  data-testid={`deck-${node.id}`}
                  draggable
                  onDragStart={(event) => {
                    event.dataTransfer.setData(DECK_DRAG, node.id);
                    event.dataTransfer.effectAllowed = 'move';
                    setDragging(node);
                  }}
                  onDragEnd={() => {
                    setDragging(null);
                    setDropOn(null);
                  }}
                  onDragOver={(event) => over(event, node.id)}
                  onDragLeave={() => setDropOn((current) => (current === node.id ? null : current))}
                  onDrop={(event) => void drop(event, node.id)}
                  onClick={() => setSelected(index)}
                  onDoubleClick={() => navigate({ screen: 'study', deckId: node.id })}
                >
                  <th scope="row" style={{ paddingLeft: `${0.75 + depth * 1.25}rem` }}>
                    <span className="deck-name">{node.shortName}</span>
                    {node.description && depth === 0 && <span className="deck-description muted">{node.description}</span>}
                  </th>
                  <td className="num new">{node.counts.new || ''}</td>
                  <td className="num learning">{node.counts.learning || ''}</td>
                  <td className="num due">{node.counts.review || ''}</td>
                  <td className="num muted">{node.counts.total}</td>
                  <td className="actions">
                    <button type="button" onClick={() => navigate({ screen: 'study', deckId: node.id })} aria-label={`Study ${node.name}`}>
                      Study
                    </button>
                    <DeckMenu deck={node} onChoose={(action) => act(node, action)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {question && <DeckDialog question={question} decks={flattenDecks(list.decks)} onDone={done} onCancel={() => setQuestion(null)} />}
      {rows.length > 0 && <p className="hint muted">↑/↓ choose a deck · Enter study it · drag a deck onto another to move it</p>}
    </section>
  );
}
