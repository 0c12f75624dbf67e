// The browser's side panel: the active card's note to edit, or its history; an explanation when no card is chosen.
import type { KeyboardEvent, Ref } from 'react';
import { NoteEditor, type NoteEditorHandle } from '../editor/NoteEditor';
import { CardInfoPanel } from './CardInfoPanel';

export type PanelTab = 'edit' | 'info';

export function BrowsePanel({
  active,
  noteId,
  tab,
  onTab,
  onHide,
  onSaved,
  onEscape,
  editor,
}: {
  active: string | null;
  /** The active card's note, once known. */
  noteId: string | undefined;
  tab: PanelTab;
  onTab: (tab: PanelTab) => void;
  onHide: () => void;
  onSaved: () => void;
  /** Esc inside the panel: back to the table. */
  onEscape: () => void;
  editor: Ref<NoteEditorHandle>;
}) {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && !event.defaultPrevented) {
      event.preventDefault();
      onEscape();
    }
  };
  const hide = (
    <button type="button" className="link panel-hide" data-testid="panel-hide" onClick={onHide} title="Hide the panel to give the table the whole width">
      Hide panel
    </button>
  );
  if (!active) {
    return (
      <aside className="browse-panel" data-testid="browse-panel" onKeyDown={onKeyDown}>
        <div className="panel-tabs">{hide}</div>
        <p className="muted panel-empty" data-testid="browse-panel-empty">
          No card chosen. Click a row, or use ↑ ↓ in the table, to edit its note or see its history.
        </p>
      </aside>
    );
  }
  return (
    <aside className="browse-panel" data-testid="browse-panel" onKeyDown={onKeyDown}>
      <div className="panel-tabs">
        <button type="button" className={tab === 'edit' ? 'active' : ''} aria-pressed={tab === 'edit'} data-testid="tab-edit" onClick={() => onTab('edit')}>
          Edit note
        </button>
        <button type="button" className={tab === 'info' ? 'active' : ''} aria-pressed={tab === 'info'} data-testid="tab-info" onClick={() => onTab('info')}>
          Card info
        </button>
        {hide}
      </div>
      {!noteId && <p className="muted">Loading…</p>}
      {/* Kept mounted behind the info tab, so a glance at the history loses no unsaved edit. */}
      {noteId && (
        <div hidden={tab !== 'edit'}>
          <NoteEditor key={noteId} ref={editor} noteId={noteId} onSaved={onSaved} />
        </div>
      )}
      {noteId && tab === 'info' && <CardInfoPanel key={active} cardId={active} />}
    </aside>
  );
}
