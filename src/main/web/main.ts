// `npm run web`: the app in any browser, served on 127.0.0.1 with a secret that changes at every launch.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../../shared/errors';
import { builtinDecksDir, clockFrom, dataDirFrom, importLimitsFrom } from '../runtime-options';
import { StudyService } from '../service/study-service';
import { createWebServer } from './server';

const USAGE = `Usage: npm run web -- [--port N] [--data DIR] [--now ISO-8601]

Serves Interleave on http://127.0.0.1:PORT for a browser on this machine.
  --port N      port to listen on (default 4317; 0 picks a free one)
  --data DIR    data folder (default: the app's own, shared with the desktop app)
  --now ISO     fix the clock, for demos and tests
  --take-over-lock
                take over a lock left by another host name (this machine renamed, or
                Interleave closed there); never while Interleave is open on that host`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4317' },
      data: { type: 'string' },
      now: { type: 'string' },
      'take-over-lock': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new AppError('invalid_input', `--port: "${values.port}" is not a port number (0-65535)`);
  const dataDir = dataDirFrom(values.data);
  const service = StudyService.open({
    dataDir,
    now: clockFrom(values.now),
    builtinDecksDir: builtinDecksDir(import.meta.dirname),
    purpose: 'browser mode',
    importLimits: importLimitsFrom({}),
    ...(values['take-over-lock'] ? { takeOverLock: true } : {}),
  });
  const token = randomBytes(24).toString('base64url');
  const server = createWebServer({
    handlers: service,
    staticDir: join(import.meta.dirname, '../renderer'),
    mediaDir: join(dataDir, 'media'),
    token,
    port,
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.close();
    // Never throws for want of room: the journal already holds every answer.
    await service.close();
    if (service.store.closeProblem) console.error(`Stopping: ${service.store.closeProblem}`);
    console.log(`Stopped (${signal}); the collection is saved.`);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  server.on('error', async (error: NodeJS.ErrnoException) => {
    await service.close();
    console.error(error.code === 'EADDRINUSE' ? `Port ${port} is in use. Choose another with --port, or --port 0 for any free port.` : error.message);
    process.exit(1);
  });
  server.listen(port, '127.0.0.1', () => {
    const address = server.address();
    const actual = typeof address === 'object' && address ? address.port : port;
    console.log('Interleave is running in browser mode.');
    console.log(`Open: http://127.0.0.1:${actual}/#token=${token}`);
    console.log(`Data: ${dataDir}`);
    console.log('Press Ctrl+C to stop.');
    // Now, and each day at a pause while browser mode runs; a failure is logged here and shown on Home.
    void service.prepareDeckList();
    service.startDailyBackups({ log: (line) => console.error(line) });
    setTimeout(() => void service.warmUp(), 1500).unref();
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof AppError ? `interleave: ${error.message}` : error);
  process.exit(error instanceof AppError && error.code === 'data_locked' ? 3 : 1);
});
