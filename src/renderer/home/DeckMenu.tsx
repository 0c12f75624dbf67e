// A deck row's "⋯" menu: rename, move, options, unbury, delete; arrow keys move between items, Esc closes.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { DeckNode } from '../../shared/dto';

export type DeckAction = 'rename' | 'move' | 'options' | 'unbury' | 'delete';

export function DeckMenu({ deck, onChoose }: { deck: DeckNode; onChoose: (action: DeckAction) => void }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  const items: [DeckAction, string][] = [
    ['rename', 'Rename…'],
    ['move', 'Move to…'],
    ['options', 'Options…'],
    ...(deck.buried > 0 ? [['unbury', `Unbury ${deck.buried} card${deck.buried === 1 ? '' : 's'}`] as [DeckAction, string]] : []),
    ['delete', 'Delete…'],
  ];

  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLButtonElement>('button')?.focus();
    // A click anywhere else closes the menu.
    const close = (event: MouseEvent) => {
      if (!menu.current?.contains(event.target as Node) && event.target !== button.current) setOpen(false);
    };
    window.addEventListener('mousedown', close);
    return () => window.removeEventListener('mousedown', close);
  }, [open]);

  const onKey = (event: KeyboardEvent) => {
    const buttons = [...(menu.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const move = (to: number) => buttons[(to + buttons.length) % buttons.length]?.focus();
    if (event.key === 'ArrowDown') move(at + 1);
    else if (event.key === 'ArrowUp') move(at - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(buttons.length - 1);
    else if (event.key === 'Escape' || event.key === 'Tab') {
      setOpen(false);
      if (event.key === 'Escape') button.current?.focus();
      if (event.key === 'Tab') return;
    } else return;
    event.preventDefault();
    // The deck list's own keys (↑ ↓ Enter) are not for the menu's items.
    event.stopPropagation();
  };

  return (
    <span className="deck-menu">
      <button
        ref={button}
        type="button"
        className="more"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={`More for ${deck.name}`}
        data-testid={`deck-more-${deck.id}`}
        onClick={() => setOpen(!open)}
      >
        ⋯
      </button>
      {open && (
        <ul ref={menu} role="menu" aria-label={`${deck.name}`} className="menu" onKeyDown={onKey}>
          {items.map(([action, label]) => (
            <li key={action} role="none">
              <button
                type="button"
                role="menuitem"
                data-testid={`deck-${action}`}
                className={action === 'delete' ? 'danger' : undefined}
                onClick={() => {
                  setOpen(false);
                  onChoose(action);
                }}
              >
                {label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </span>
  );
}
