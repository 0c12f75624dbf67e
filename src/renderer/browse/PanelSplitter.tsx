// The handle between the table and the side panel: drag it, or focus it and use the arrow keys, to resize the panel.
import { useRef } from 'react';
import { clampPanelWidth, PANEL_MAX, PANEL_MIN } from './column-layout';

const STEP = 24;

export function PanelSplitter({ width, onResize }: { width: number; onResize: (width: number) => void }) {
  const drag = useRef<{ x: number; width: number } | null>(null);
  return (
    <div
      className="panel-splitter"
      role="separator"
      aria-orientation="vertical"
      aria-label="Side panel width"
      aria-valuenow={width}
      aria-valuemin={PANEL_MIN}
      aria-valuemax={PANEL_MAX}
      tabIndex={0}
      data-testid="panel-splitter"
      onPointerDown={(event) => {
        event.preventDefault();
        event.currentTarget.setPointerCapture(event.pointerId);
        drag.current = { x: event.clientX, width };
      }}
      onPointerMove={(event) => {
        // The panel is on the right: moving the handle left widens it.
        if (drag.current) onResize(clampPanelWidth(drag.current.width + drag.current.x - event.clientX));
      }}
      onPointerUp={() => (drag.current = null)}
      onPointerCancel={() => (drag.current = null)}
      onKeyDown={(event) => {
        const to =
          event.key === 'ArrowLeft' ? width + STEP : event.key === 'ArrowRight' ? width - STEP : event.key === 'Home' ? PANEL_MIN : event.key === 'End' ? PANEL_MAX : null;
        if (to === null) return;
        event.preventDefault();
        onResize(clampPanelWidth(to));
      }}
    />
  );
}
