// Study: question, answer, grade with the keyboard or the mouse, undo, suspend, bury, edit, summary.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { NextCardResult, Rating } from '../../shared/dto';
import { RATINGS } from '../../shared/dto';
import { suggestRating } from '../../shared/grading';
import { useApi } from '../app/api-context';
import { ErrorBanner } from '../app/errors';
import { navigate } from '../app/route';
import { CardFace } from './CardFace';
import { EditNoteDialog } from './EditNoteDialog';
import { KeyPoints } from './KeyPoints';
import { SessionSummary, type SessionTally } from './SessionSummary';

const LABELS: Record<Rating, string> = { again: 'Again', hard: 'Hard', good: 'Good', easy: 'Easy' };
/** Time on a card beyond this is the learner away from the keyboard, not thinking. */
const MAX_COUNTED_MS = 5 * 60_000;

export function StudyScreen({ deckId }: { deckId: string | null }) {
  const api = useApi();
  const [state, setState] = useState<NextCardResult | null>(null);
  const [revealed, setRevealed] = useState(false);
  const [ticked, setTicked] = useState<Set<number>>(new Set());
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [tally, setTally] = useState<SessionTally>({ answered: 0, again: 0, timeMs: 0 });
  const shownAt = useRef(performance.now());

  const show = useCallback((next: NextCardResult) => {
    setState(next);
    setRevealed(false);
    setTicked(new Set());
    shownAt.current = performance.now();
  }, []);

  const load = useCallback(
    async (prefer?: string) => {
      try {
        show(await api.nextCard({ ...(deckId ? { deckId } : {}), ...(prefer ? { prefer } : {}) }));
      } catch (caught) {
        setError(caught);
      }
    },
    [api, deckId, show],
  );

  useEffect(() => {
    void load();
  }, [load]);

  // When only learning cards remain and the next is due later, come back when it is.
  useEffect(() => {
    if (!state || state.card || state.nextLearningDue === null) return;
    const wait = Math.max(1000, state.nextLearningDue - Date.now() + 500);
    const timer = window.setTimeout(() => void load(), Math.min(wait, 2 ** 31 - 1));
    return () => window.clearTimeout(timer);
  }, [state, load]);

  const card = state?.card ?? null;
  const suggestion: Rating | null = card?.keyPoints && revealed ? suggestRating(ticked.size, card.keyPoints.length) : null;

  const answer = useCallback(
    async (rating: Rating) => {
      if (!card || !revealed || busy) return;
      setBusy(true);
      const durationMs = Math.min(MAX_COUNTED_MS, Math.round(performance.now() - shownAt.current));
      try {
        // One round trip: the answer comes back with the next card.
        const result = await api.answer({
          cardId: card.cardId,
          rating,
          durationMs,
          ...(card.keyPoints ? { checkedPoints: [...ticked] } : {}),
          next: deckId ? { deckId } : {},
        });
        setTally((t) => ({ answered: t.answered + 1, again: t.again + (rating === 'again' ? 1 : 0), timeMs: t.timeMs + durationMs }));
        setNotice(result.leech ? 'That card is now a leech: it was tagged "leech" and suspended.' : null);
        if (result.next) show(result.next);
        else await load();
      } catch (caught) {
        setError(caught);
      } finally {
        setBusy(false);
      }
    },
    [api, card, revealed, busy, ticked, load, show, deckId],
  );

  const undo = useCallback(async () => {
    if (busy) return;
    setBusy(true);
    try {
      const result = await api.undo({});
      if (result.cardId) {
        setTally((t) => ({ answered: Math.max(0, t.answered - 1), again: Math.max(0, t.again - (result.rating === 'again' ? 1 : 0)), timeMs: t.timeMs }));
        setNotice(`Undid “${LABELS[result.rating!]}”.`);
        await load(result.cardId);
      } else setNotice('Nothing to undo.');
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }, [api, busy, load]);

  const setAside = useCallback(
    async (how: 'suspend' | 'bury') => {
      if (!card || busy) return;
      setBusy(true);
      try {
        await api[how]({ cardIds: [card.cardId] });
        setNotice(how === 'suspend' ? 'Card suspended.' : 'Card buried until tomorrow.');
        await load();
      } catch (caught) {
        setError(caught);
      } finally {
        setBusy(false);
      }
    },
    [api, card, busy, load],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target;
      const onCheckbox = target instanceof HTMLInputElement && target.type === 'checkbox';
      if (editing || (target instanceof HTMLInputElement && !onCheckbox) || target instanceof HTMLTextAreaElement) return;
      // Space on a focused key-point checkbox ticks it; every other key still drives the card.
      if (onCheckbox && event.key === ' ') return;
      const mod = event.ctrlKey || event.metaKey;
      if (mod && event.key.toLowerCase() === 'z') {
        event.preventDefault();
        void undo();
        return;
      }
      if (mod || event.altKey) return;
      if (event.key === 'Escape') return navigate({ screen: 'home' });
      if (!card) return;
      if (!revealed && (event.key === ' ' || event.key === 'Enter')) {
        event.preventDefault();
        setRevealed(true);
        return;
      }
      if (revealed && (event.key === ' ' || event.key === 'Enter')) {
        event.preventDefault();
        void answer(suggestion ?? 'good');
        return;
      }
      if (revealed && card.keyPoints && event.shiftKey && /^Digit[1-9]$/.test(event.code)) {
        const index = Number(event.code.slice(5)) - 1;
        if (index < card.keyPoints.length) toggle(index);
        event.preventDefault();
        return;
      }
      if (revealed && /^[1-4]$/.test(event.key)) {
        event.preventDefault();
        void answer(RATINGS[Number(event.key) - 1]!);
        return;
      }
      if (event.key === 's') void setAside('suspend');
      else if (event.key === 'b') void setAside('bury');
      else if (event.key === 'e') setEditing(true);
    };
    const toggle = (index: number) =>
      setTicked((current) => {
        const next = new Set(current);
        if (next.has(index)) next.delete(index);
        else next.add(index);
        return next;
      });
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [card, revealed, editing, suggestion, answer, undo, setAside]);

  if (error && !state) return <ErrorBanner error={error} onDismiss={() => (setError(null), void load())} />;
  if (!state) return <p className="muted">Finding your next card…</p>;

  const counts = state.counts;
  return (
    <section className="study" data-testid="study">
      <div className="study-bar">
        <button type="button" className="link" onClick={() => navigate({ screen: 'home' })}>
          ← Decks
        </button>
        <div className="counts" data-testid="counts" aria-label="Cards left">
          <span className="new" title="New">{counts.new}</span>
          <span className="learning" title="Learning">{counts.learning}</span>
          <span className="due" title="Due">{counts.review}</span>
        </div>
        <button type="button" className="link" onClick={() => void undo()} title="Undo the last answer (Ctrl/Cmd+Z)">
          Undo
        </button>
      </div>
      {error ? <ErrorBanner error={error} onDismiss={() => setError(null)} /> : null}
      {notice && (
        <p className="notice" role="status" data-testid="notice">
          {notice}
        </p>
      )}
      {!card ? (
        <SessionSummary tally={tally} today={state.today} nextLearningDue={state.nextLearningDue} />
      ) : (
        <>
          <article className={`card kind-${card.kind}`} data-testid="card" data-card-id={card.cardId}>
            <div className="card-meta muted">
              <span>{card.deckName}</span>
              <span className={`kind ${card.kind}`}>{card.kind}</span>
            </div>
            {revealed ? <CardFace html={card.back} testId="answer" /> : <CardFace html={card.front} testId="question" />}
            {revealed && card.keyPoints && <KeyPoints points={card.keyPoints} ticked={ticked} onToggle={(i) => setTicked((t) => {
              const next = new Set(t);
              if (next.has(i)) next.delete(i);
              else next.add(i);
              return next;
            })} />}
          </article>
          <footer className="answer-bar">
            {!revealed ? (
              <button type="button" className="primary wide" data-testid="show-answer" onClick={() => setRevealed(true)}>
                Show answer <kbd>Space</kbd>
              </button>
            ) : (
              <div className="ratings" role="group" aria-label="How well did you recall it?">
                {card.previews.map((preview, index) => (
                  <button
                    key={preview.rating}
                    type="button"
                    className={`rating ${preview.rating}${suggestion === preview.rating ? ' suggested' : ''}`}
                    data-testid={`rate-${preview.rating}`}
                    disabled={busy}
                    onClick={() => void answer(preview.rating)}
                  >
                    <span className="interval">{preview.label}</span>
                    <span className="label">{LABELS[preview.rating]}</span>
                    <kbd>{index + 1}</kbd>
                  </button>
                ))}
              </div>
            )}
            <p className="hint muted">
              {revealed && card.keyPoints ? 'Tick what you recalled (Shift+1…): the suggestion follows. ' : ''}
              <kbd>E</kbd> edit · <kbd>S</kbd> suspend · <kbd>B</kbd> bury · <kbd>Ctrl+Z</kbd> undo · <kbd>Esc</kbd> decks
            </p>
          </footer>
        </>
      )}
      {editing && card && (
        <EditNoteDialog
          noteId={card.noteId}
          onClose={(saved) => {
            setEditing(false);
            if (saved) {
              setNotice('Note saved.');
              void load(card.cardId);
            }
          }}
        />
      )}
    </section>
  );
}
