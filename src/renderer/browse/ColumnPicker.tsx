// Lets the learner choose the browser's columns: a small menu of checkboxes, closed by Esc or a click elsewhere.
import { useEffect, useRef } from 'react';
import { BROWSER_COLUMNS, type BrowserColumn } from '../../shared/dto';
import { ALWAYS_SHOWN } from './column-layout';
import { columnLabel } from './columns';

export function ColumnPicker({ columns, onToggle }: { columns: readonly BrowserColumn[]; onToggle: (column: BrowserColumn) => void }) {
  const details = useRef<HTMLDetailsElement>(null);

  // A click outside closes the menu, as any menu does.
  useEffect(() => {
    const onPointer = (event: PointerEvent) => {
      const element = details.current;
      if (element?.open && !element.contains(event.target as Node)) element.open = false;
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, []);

  return (
    <details
      ref={details}
      className="column-picker"
      data-testid="column-picker"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && details.current?.open) {
          event.preventDefault();
          event.stopPropagation();
          details.current.open = false;
          details.current.querySelector('summary')?.focus();
        }
      }}
    >
      <summary>Columns</summary>
      <fieldset>
        <legend>Show columns</legend>
        {BROWSER_COLUMNS.map((column) => (
          <label key={column}>
            <input type="checkbox" data-testid={`column-${column}`} checked={columns.includes(column)} disabled={column === ALWAYS_SHOWN} onChange={() => onToggle(column)} />
            {columnLabel(column)}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
