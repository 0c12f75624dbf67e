// Study: question, answer, grade with the keyboard or the mouse, undo, suspend, bury, edit, summary.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { NextCardResult, Rating } from '../../shared/dto';
import { RATINGS } from '../../shared/dto';
import { spaceRating, suggestRating } from '../../shared/grading';
import { useApi } from '../app/api-context';
import { ErrorBanner } from '../app/errors';
import { navigate } from '../app/route';
import { AnswerBar, RATING_LABELS } from './AnswerBar';
import { CardFace } from './CardFace';
import { EditNoteDialog } from './EditNoteDialog';
import { KeyPoints, POINT_KEYS } from './KeyPoints';
import { SessionSummary, type SessionTally } from './SessionSummary';
import { splitSource } from './source-last';
import { StudyBar } from './StudyBar';
import { QuestionFace, withTypedAnswer } from './TypeAnswer';
import { showToast } from '../undo/toast';
import { onUndone, undoLast } from '../undo/undo-bus';

/** Time on a card beyond this is the learner away from the keyboard, not thinking. */
const MAX_COUNTED_MS = 5 * 60_000;

/** What is studied: a deck (null: every deck), today's plan of an interview, or chosen cards. */
export function StudyScreen({ deckId, planId, cardIds }: { deckId: string | null; planId?: string | undefined; cardIds?: string[] | undefined }) {
  const api = useApi();
  const source = useMemo(() => (planId ? { planId } : cardIds ? { cardIds } : deckId ? { deckId } : {}), [deckId, planId, cardIds]);
  const [state, setState] = useState<NextCardResult | null>(null);
  const [revealed, setRevealed] = useState(false);
  const [ticked, setTicked] = useState<Set<number>>(new Set());
  /** What the learner typed into a type-in card's box. */
  const [typed, setTyped] = useState('');
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [tally, setTally] = useState<SessionTally>({ answered: 0, again: 0, timeMs: 0 });
  const shownAt = useRef(performance.now());
  /** Cards this session suspended or buried: an undo that puts one back shows it again. */
  const setAsideIds = useRef(new Set<string>());

  const show = useCallback((next: NextCardResult) => {
    setState(next);
    setRevealed(false);
    setTicked(new Set());
    setTyped('');
    shownAt.current = performance.now();
  }, []);

  /** `stay`: the same card comes back after an edit; keep its side and, if the points still fit, the ticks. */
  const load = useCallback(
    async (prefer?: string, stay = false) => {
      try {
        const next = await api.nextCard({ ...source, ...(prefer ? { prefer } : {}) });
        if (stay && next.card && next.card.cardId === prefer) {
          setState(next);
          const points = next.card.keyPoints?.length ?? 0;
          setTicked((current) => ([...current].every((i) => i < points) ? current : new Set()));
        } else show(next);
      } catch (caught) {
        setError(caught);
      }
    },
    [api, source, show],
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
  const points = card?.keyPoints?.length ?? 0;
  const suggestion: Rating | null = card?.keyPoints && revealed ? suggestRating(ticked.size, points) : null;
  const onSpace: Rating = spaceRating(card?.keyPoints ? ticked.size : 0, points);
  // The Source of a key-points note goes after the points, at the end of the answer.
  const back = useMemo(() => {
    const sides = card?.keyPoints ? splitSource(card.back) : { body: card?.back ?? '', source: '' };
    return { ...sides, body: withTypedAnswer(sides.body, typed) };
  }, [card, typed]);

  const toggle = useCallback(
    (index: number) =>
      setTicked((current) => {
        const next = new Set(current);
        if (next.has(index)) next.delete(index);
        else next.add(index);
        return next;
      }),
    [],
  );

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
          next: source,
        });
        setTally((t) => ({ answered: t.answered + 1, again: t.again + (rating === 'again' ? 1 : 0), timeMs: t.timeMs + durationMs }));
        if (result.leech) showToast('That card is now a leech: it was tagged “leech” and suspended.', { undo: true, kind: 'warning' });
        if (result.next) show(result.next);
        else await load();
      } catch (caught) {
        setError(caught);
      } finally {
        setBusy(false);
      }
    },
    [api, card, revealed, busy, ticked, load, show, source],
  );

  // Whatever undid the last change (Ctrl/Cmd+Z, an Undo button, the Edit menu), the session follows it.
  const current = useRef(card);
  current.current = card;
  useEffect(
    () =>
      onUndone(async (result) => {
        if (result.cardId) {
          setTally((t) => ({ answered: Math.max(0, t.answered - 1), again: Math.max(0, t.again - (result.rating === 'again' ? 1 : 0)), timeMs: t.timeMs }));
          await load(result.cardId);
        } else if (result.label !== null) {
          // A suspend, a bury or a change made elsewhere: show again a card this session set aside.
          const back = result.cardIds?.find((id) => setAsideIds.current.has(id));
          await load(back ?? current.current?.cardId);
        }
      }),
    [load],
  );
  const undo = useCallback(() => void undoLast(api), [api]);

  const setAside = useCallback(
    async (how: 'suspend' | 'bury') => {
      if (!card || busy) return;
      setBusy(true);
      try {
        await api[how]({ cardIds: [card.cardId] });
        setAsideIds.current.add(card.cardId);
        showToast(how === 'suspend' ? 'Card suspended.' : 'Card buried until tomorrow.', { undo: true });
        await load();
      } catch (caught) {
        setError(caught);
      } finally {
        setBusy(false);
      }
    },
    [api, card, busy, load],
  );

  // Kept in step with what is on screen before it is painted (a layout effect): a key pressed the
  // moment a card appears is that card's, not lost to the handler of the card before it.
  useLayoutEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target;
      const onCheckbox = target instanceof HTMLInputElement && target.type === 'checkbox';
      if (editing || (target instanceof HTMLInputElement && !onCheckbox) || target instanceof HTMLTextAreaElement) return;
      // Space on a key-point box reached from the keyboard ticks it; every other key still drives
      // the card. A box focused by a click (the label hands it focus, let go a moment later; see
      // KeyPoints) is marked, and Space answers there as the bar under the card says, however soon
      // after the click it comes (before, a Space within that moment unticked the box instead).
      if (onCheckbox && event.key === ' ' && target.dataset.byPointer === undefined) return;
      // Ctrl/Cmd+Z is the window's (App), which tells this screen through onUndone.
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === 'Escape') return navigate({ screen: 'home' });
      if (!card) {
        // The session summary: Enter goes back to the decks, its one action.
        if (event.key === 'Enter' && state && !event.repeat) {
          event.preventDefault();
          navigate({ screen: 'home' });
        }
        return;
      }
      if (!revealed && (event.key === ' ' || event.key === 'Enter')) {
        event.preventDefault();
        setRevealed(true);
        return;
      }
      if (revealed && (event.key === ' ' || event.key === 'Enter')) {
        event.preventDefault();
        void answer(onSpace);
        return;
      }
      if (revealed && card.keyPoints && event.shiftKey && /^Digit[1-9]$/.test(event.code)) {
        const index = Number(event.code.slice(5)) - 1;
        if (index < Math.min(POINT_KEYS, card.keyPoints.length)) toggle(index);
        event.preventDefault();
        return;
      }
      if (revealed && /^[1-4]$/.test(event.key)) {
        event.preventDefault();
        void answer(RATINGS[Number(event.key) - 1]!);
        return;
      }
      // Letters compare in lower case: Shift or Caps Lock must not turn S into nothing.
      const letter = event.key.toLowerCase();
      if (letter === 's') void setAside('suspend');
      else if (letter === 'b') void setAside('bury');
      else if (letter === 'e') setEditing(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [state, card, revealed, editing, onSpace, answer, setAside, toggle]);

  if (error && !state) return <ErrorBanner error={error} onDismiss={() => (setError(null), void load())} />;
  if (!state) return <p className="muted">Finding your next card…</p>;

  return (
    <section className="study" data-testid="study">
      <h1 className="visually-hidden">Study{deckId && card ? `: ${card.deckName}` : ''}</h1>
      <StudyBar counts={state.counts} onUndo={undo} />
      {error ? <ErrorBanner error={error} onDismiss={() => setError(null)} /> : null}
      {!card ? (
        <SessionSummary tally={tally} today={state.today} nextLearningDue={state.nextLearningDue} />
      ) : (
        <>
          <article className={`card kind-${card.kind}`} data-testid="card" data-card-id={card.cardId}>
            <div className="card-meta muted">
              <span>{card.deckName}</span>
              <span className={`kind ${card.kind}`}>{card.kind}</span>
            </div>
            {revealed ? (
              <CardFace html={back.body} testId="answer" />
            ) : (
              <QuestionFace html={card.front} typed={typed} onTyped={setTyped} onSubmit={() => setRevealed(true)} />
            )}
            {revealed && card.keyPoints && <KeyPoints points={card.keyPoints} ticked={ticked} onToggle={toggle} />}
            {revealed && back.source && <CardFace html={back.source} testId="answer-source" />}
          </article>
          <AnswerBar
            card={card}
            revealed={revealed}
            busy={busy}
            suggestion={suggestion}
            spaceRating={onSpace}
            ticked={ticked.size}
            onReveal={() => setRevealed(true)}
            onAnswer={(rating) => void answer(rating)}
          />
        </>
      )}
      {editing && card && (
        <EditNoteDialog
          noteId={card.noteId}
          onClose={(saved) => {
            setEditing(false);
            if (saved) {
              showToast('Note saved.', { undo: true });
              // The edited card comes back on the side it was on.
              void load(card.cardId, true);
            }
          }}
        />
      )}
    </section>
  );
}
