// Starts the renderer on whichever transport is present (Electron's bridge, or browser mode's HTTP):
// asks at once for what the first screen shows, then loads React and the screens while the service answers.
import './styles/app.css';
import { httpTransport, keepLaunchToken, launchToken } from './api/http-transport';
import { ipcTransport } from './api/ipc-transport';
import { createClient, type Transport } from './api/transport';

const token = window.interleave ? null : launchToken();

function pickTransport(): Transport | string {
  if (window.interleave) return ipcTransport(window.interleave);
  if (!token) return 'This page needs the address that "npm run web" printed, including its #token=… part.';
  return httpTransport(token);
}

const root = document.getElementById('root')!;
const transport = pickTransport();
if (typeof transport === 'string') {
  void import('./app/start').then(({ startWithout }) => startWithout(root, transport));
} else {
  // The code first: browser mode's server answers one request at a time, and the code must not
  // wait behind the deck list. Then the window's status, its theme and the deck list: Home, the
  // first screen, waits for them.
  const app = import('./app/start');
  const api = createClient(transport, ['status', 'getSettings', 'listDecks']);
  void app.then(({ start }) => start(root, api, transport.mediaUrl));
  if (token) keepLaunchToken(token);
}
