// Where the collection lives: Electron's userData for the app, the same folder for the CLI and browser mode.
import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_NAME = 'Interleave';

/**
 * The folder Electron's app.getPath('userData') names for this app, computed without Electron so
 * the CLI and browser mode open the same collection by default. `INTERLEAVE_DATA` overrides it.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.INTERLEAVE_DATA) return env.INTERLEAVE_DATA;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_NAME);
}
