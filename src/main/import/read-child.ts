// The child process that reads a file to import: unpacking, SQLite and parsing run beside the app, never in its event loop.
import type { ImportBundle } from '../../core/import/bundle';
import { openRegularFile } from './byte-source';
import { fileSink } from './media-sink';
import { readImportFile } from './read-import-file';
import type { ChildRead, ReadReply } from './read-in-child';

/** Notes travel in batches, so that the app takes each in a moment instead of one long pause. */
const BATCH = 250;

const send = (reply: ReadReply) => new Promise<void>((resolve, reject) => process.send!(reply, (error: Error | null) => (error ? reject(error) : resolve())));

async function read(request: ChildRead): Promise<void> {
  const source = openRegularFile(request.path, request.maxBytes);
  let bundle: ImportBundle;
  try {
    // The learner's time zone is this process's: it was started with the app's environment.
    bundle = await readImportFile(request.fileName, source, { ...request.options, media: fileSink(request.mediaFolder, request.token) });
  } finally {
    source.close();
  }
  const { notes, ...rest } = bundle;
  await send({ kind: 'bundle', bundle: { ...rest, notes: [] } });
  for (let at = 0; at < notes.length; at += BATCH) await send({ kind: 'notes', notes: notes.slice(at, at + BATCH) });
  await send({ kind: 'done', peakRssBytes: process.resourceUsage().maxRSS * 1024 });
}

process.on('message', (request: ChildRead) => {
  read(request).then(
    () => process.disconnect?.(),
    (error: unknown) => {
      const failed = error as Error & { where?: unknown; code?: string };
      const peakRssBytes = process.resourceUsage().maxRSS * 1024;
      void send({ kind: 'failed', name: failed.name, message: failed.message ?? String(error), where: failed.where, code: failed.code, peakRssBytes }).finally(() => process.disconnect?.());
    },
  );
});
// The app going away (or cancelling) ends the read too; the app removes what it unpacked.
process.on('disconnect', () => process.exit(0));
