// Starts the renderer on whichever transport is present: Electron's bridge, or browser mode's HTTP.
import 'katex/dist/katex.min.css';
import 'highlight.js/styles/github.css';
import './styles/app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { httpTransport, launchToken } from './api/http-transport';
import { ipcTransport } from './api/ipc-transport';
import { createClient, type Transport } from './api/transport';
import { ApiContext } from './app/api-context';
import { App } from './app/App';
import { setMediaResolver } from './render/sanitize';

function pickTransport(): Transport | string {
  if (window.interleave) return ipcTransport(window.interleave);
  const token = launchToken();
  if (!token) return 'This page needs the address that "npm run web" printed, including its #token=… part.';
  return httpTransport(token);
}

const root = createRoot(document.getElementById('root')!);
const transport = pickTransport();
if (typeof transport === 'string') {
  root.render(<p className="error-banner">{transport}</p>);
} else {
  setMediaResolver(transport.mediaUrl);
  root.render(
    <StrictMode>
      <ApiContext.Provider value={createClient(transport)}>
        <App />
      </ApiContext.Provider>
    </StrictMode>,
  );
}
