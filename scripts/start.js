// `npm start`: the desktop app where Electron can run; otherwise browser mode, saying why.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { electronBinary } from './electron-binary.js';
import { ensureBuilt } from './ensure-built.js';

const root = join(dirname(new URL(import.meta.url).pathname), '..');
ensureBuilt();

const electron = process.env.INTERLEAVE_BROWSER_MODE ? null : electronBinary();
const [command, args] = electron
  ? [electron, [root, ...process.argv.slice(2)]]
  : [process.execPath, [join(root, 'out/main/web.js'), ...process.argv.slice(2)]];
if (!electron) console.error('No Electron binary on this machine: starting browser mode instead (open the address below).');
const child = spawn(command, args, { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
