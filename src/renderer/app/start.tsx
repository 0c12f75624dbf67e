// Draws the window: React, the API client's context and the app; loaded while the first screen's data is on its way.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { Api } from '../../shared/contract';
import { setMediaResolver } from '../render/media-url';
import { ApiContext } from './api-context';
import { App } from './App';

export function start(root: HTMLElement, api: Api, mediaUrl: (name: string) => string): void {
  setMediaResolver(mediaUrl);
  createRoot(root).render(
    <StrictMode>
      <ApiContext.Provider value={api}>
        <App />
      </ApiContext.Provider>
    </StrictMode>,
  );
}

/** The page cannot reach the service at all: say why, and how to open it. */
export function startWithout(root: HTMLElement, why: string): void {
  createRoot(root).render(<p className="error-banner">{why}</p>);
}
