// Type-in answers on Anki cards: the box where the front asks for it, and Anki's comparison on the back.
import { useLayoutEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { typedAnswerHtml } from '../../shared/typed-answer';
import { CardFace } from './CardFace';

/**
 * The question, with a text box where the card's `{{type:…}}` was. Card HTML never holds an input
 * (the sanitiser drops them); the box is the window's own, put in the place the card marks. Enter
 * in the box shows the answer, as in Anki.
 */
export function QuestionFace({ html, typed, onTyped, onSubmit }: { html: string; typed: string; onTyped: (text: string) => void; onSubmit: () => void }) {
  const face = useRef<HTMLDivElement>(null);
  const [slot, setSlot] = useState<Element | null>(null);
  useLayoutEffect(() => setSlot(face.current?.querySelector('.type-answer-box') ?? null), [html]);
  return (
    <>
      <CardFace ref={face} html={html} testId="question" />
      {slot &&
        createPortal(
          <input
            className="type-answer-input"
            data-testid="type-answer"
            aria-label="Type the answer"
            value={typed}
            autoFocus
            spellCheck={false}
            autoComplete="off"
            autoCapitalize="off"
            onChange={(event) => onTyped(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                onSubmit();
              }
            }}
          />,
          slot,
        )}
    </>
  );
}

const RESULT = /<span class="type-answer-result( nc)?">([^<]*)<\/span>/g;

/** The answer side with Anki's comparison of what was typed where the card shows the expected answer. */
export function withTypedAnswer(html: string, typed: string): string {
  return html.replace(RESULT, (_, noAccents: string | undefined, escaped: string) => typedAnswerHtml(typed, decodeText(escaped), { ignoreAccents: Boolean(noAccents) }));
}

/** The text an escaped HTML fragment stands for. */
function decodeText(escaped: string): string {
  return new DOMParser().parseFromString(`<!doctype html><body>${escaped}`, 'text/html').body.textContent ?? '';
}
