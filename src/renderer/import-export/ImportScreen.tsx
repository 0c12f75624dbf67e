// Import: pick or drop a file, see what it holds and what would change, choose options, import with progress.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImportJob, ImportSummary } from '../../shared/dto';
import { AppError, type ErrorCode } from '../../shared/errors';
import { useApi } from '../app/api-context';
import { ErrorBanner } from '../app/errors';
import { navigate } from '../app/route';
import { CardFace } from '../study/CardFace';
import { fileToBase64, takeDroppedFile } from './dropped-file';
import { useDebounced } from './use-debounced';
import { undoLast } from '../undo/undo-bus';

/** A file the service already holds: picked in the desktop app's dialog, or sent once by this screen (`staged`). */
type Source = { kind: 'staged'; file: string; name: string; size: number } | { kind: 'picked'; file: string; name: string };

interface Options {
  deckName: string;
  existing: 'update' | 'skip';
  mapping?: { front: number; back: number; tags?: number; deck?: number };
  hasHeader?: boolean;
}

const ACCEPT = '.apkg,.colpkg,.csv,.tsv,.txt,.md,.markdown,.interleave';

function counts(label: string, c: ImportSummary['notes']) {
  return (
    <tr>
      <th>{label}</th>
      <td>{c.added}</td>
      <td>{c.updated}</td>
      <td>{c.unchanged}</td>
      <td>{c.skipped}</td>
    </tr>
  );
}

/** What a run was asked for: the same again needs no new preview. */
function runKey(source: Source, options: Options): string {
  return JSON.stringify([source.file, options.deckName.trim(), options.existing, options.mapping ?? null, options.hasHeader ?? null]);
}

/** How long typing in "Put the notes in deck" pauses before the preview is worked out again. */
const DECK_NAME_PAUSE_MS = 400;

export function ImportScreen({ picked }: { picked: { file: string; name: string } | null }) {
  const api = useApi();
  const [source, setSource] = useState<Source | null>(picked ? { kind: 'picked', ...picked } : null);
  const [options, setOptions] = useState<Options>({ deckName: '', existing: 'update' });
  const [preview, setPreview] = useState<ImportSummary | null>(null);
  const [job, setJob] = useState<ImportJob | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [dragging, setDragging] = useState(false);
  const [importing, setImporting] = useState(false);
  /** The finished import was taken back from its summary. */
  const [removed, setRemoved] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  // The newest run wins: an older one stops following its job (and a dry run is cancelled in the service).
  const latest = useRef(0);
  const following = useRef<{ jobId: string; dryRun: boolean } | null>(null);
  /** The file and options of the last preview or import started. */
  const lastRun = useRef('');

  const choose = useCallback(
    async (file: File) => {
      setPreview(null);
      setJob(null);
      setError(null);
      try {
        // Read and sent once; every preview and the import then name it by its token.
        const { file: token } = await api.stageImport({ name: file.name, base64: await fileToBase64(file) });
        setSource({ kind: 'staged', file: token, name: file.name, size: file.size });
      } catch (caught) {
        setError(caught);
      }
    },
    [api],
  );

  useEffect(() => {
    const dropped = takeDroppedFile();
    if (dropped) void choose(dropped);
  }, [choose]);

  /** Starts an import job and follows it until it ends, unless a newer run takes over. */
  const run = useCallback(
    async (dryRun: boolean, chosen: Options) => {
      if (!source) return;
      const ticket = ++latest.current;
      lastRun.current = runKey(source, chosen);
      const previous = following.current;
      following.current = null;
      // A preview nobody will see is wasted work on a large package: stop it.
      if (previous?.dryRun) void api.cancelImport({ jobId: previous.jobId }).catch(() => undefined);
      setError(null);
      setRemoved(false);
      if (!dryRun) setImporting(true);
      const request = {
        file: source.file,
        dryRun,
        existing: chosen.existing,
        ...(chosen.deckName.trim() ? { deckName: chosen.deckName.trim() } : {}),
        ...(chosen.mapping ? { mapping: chosen.mapping } : {}),
        ...(chosen.hasHeader !== undefined ? { hasHeader: chosen.hasHeader } : {}),
      };
      try {
        const { jobId } = await api.startImport(request);
        if (ticket !== latest.current) {
          if (dryRun) void api.cancelImport({ jobId }).catch(() => undefined);
          return;
        }
        following.current = { jobId, dryRun };
        let state: ImportJob = await api.importJob({ jobId });
        while (ticket === latest.current && state.state === 'running') {
          setJob(state);
          await new Promise((resolve) => setTimeout(resolve, 150));
          state = await api.importJob({ jobId });
        }
        if (ticket !== latest.current) return;
        following.current = null;
        setJob(state);
        if (state.state === 'done' && dryRun) setPreview(state.summary);
        if (state.state === 'failed') setError(state.error ? new AppError(state.error.code as ErrorCode, state.error.message, state.error.where) : new Error('The import failed.'));
      } catch (caught) {
        if (ticket === latest.current) setError(caught);
      } finally {
        if (!dryRun) setImporting(false);
      }
    },
    [api, source],
  );

  // Every change of file or options shows a fresh preview: nothing is imported until asked. The
  // deck name waits for a pause in typing, since each preview reads the whole file again. Once
  // Import is pressed, a preview still waiting for its pause must not take over from the import.
  const deckName = useDebounced(options.deckName, DECK_NAME_PAUSE_MS);
  useEffect(() => {
    const chosen = { ...options, deckName };
    // The deck name catching up after Import was pressed with it: that run already had it.
    if (source && runKey(source, chosen) !== lastRun.current) void run(true, chosen);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [source, options.mapping, options.hasHeader, deckName, options.existing]);

  const running = job?.state === 'running';
  const finished = job && job.state !== 'running' && job.summary && !job.summary.dryRun ? job.summary : null;
  const columns = preview?.columns;

  return (
    <section
      className={`import ${dragging ? 'dragging' : ''}`}
      data-testid="import"
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(event) => {
        event.preventDefault();
        setDragging(false);
        const file = event.dataTransfer.files[0];
        if (file && !importing) void choose(file);
      }}
    >
      <h1>Import</h1>
      <p className="muted">
        Anki packages (.apkg, .colpkg), CSV and TSV (Anki’s plain-text exports, Quizlet, spreadsheets), Markdown (Interleave decks, Obsidian
        Spaced Repetition, Logseq cards) and Interleave backups. Review history comes along; importing the same file again updates instead of
        duplicating.
      </p>
      <div
        className="drop-zone"
        role="button"
        tabIndex={0}
        aria-disabled={importing}
        data-testid="drop-zone"
        onClick={() => !importing && input.current?.click()}
        onKeyDown={(event) => {
          // A role=button answers Enter and Space like a button does.
          if (event.key !== 'Enter' && event.key !== ' ') return;
          event.preventDefault();
          if (!importing) input.current?.click();
        }}
      >
        {source ? (
          <strong>{source.kind === 'picked' ? source.name : `${source.name} (${Math.ceil(source.size / 1024)} KiB)`}</strong>
        ) : (
          <span>Drop a file here, or click to choose one</span>
        )}
      </div>
      <input
        ref={input}
        type="file"
        accept={ACCEPT}
        hidden
        data-testid="file-input"
        onChange={(event) => {
          const file = event.target.files?.[0];
          // Emptied, so choosing the same file again (after editing it) is a change and previews it afresh.
          event.target.value = '';
          if (file) void choose(file);
        }}
      />

      <ErrorBanner error={error} onDismiss={() => setError(null)} />

      {source && (
        <fieldset className="form-grid" disabled={importing}>
          <label className="field">
            <span>Put the notes in deck</span>
            <input placeholder="the decks the file names" value={options.deckName} onChange={(event) => setOptions({ ...options, deckName: event.target.value })} />
          </label>
          <label className="field">
            <span>Notes already in the collection</span>
            <select value={options.existing} onChange={(event) => setOptions({ ...options, existing: event.target.value as Options['existing'] })}>
              <option value="update">Update them in place (history kept)</option>
              <option value="skip">Leave them as they are</option>
            </select>
          </label>
        </fieldset>
      )}

      {columns && (
        <div className="columns" data-testid="column-mapping">
          <h2>Columns</h2>
          <label className="field checkbox">
            <input type="checkbox" checked={options.hasHeader ?? columns.hasHeader} onChange={(event) => setOptions({ ...options, hasHeader: event.target.checked })} />
            <span>The first row holds column names</span>
          </label>
          <div className="form-grid">
            {(['front', 'back', 'tags', 'deck'] as const).map((role) => {
              const current = (options.mapping ?? (columns.mapping as Options['mapping']))?.[role];
              return (
                <label key={role} className="field">
                  <span>{role[0]!.toUpperCase() + role.slice(1)}</span>
                  <select
                    data-testid={`map-${role}`}
                    value={current ?? -1}
                    onChange={(event) => {
                      const base = options.mapping ?? (columns.mapping as Required<Options>['mapping']);
                      const value = Number(event.target.value);
                      const next = { ...base, [role]: value < 0 ? undefined : value } as Required<Options>['mapping'];
                      setOptions({ ...options, mapping: next });
                    }}
                  >
                    {(role === 'tags' || role === 'deck') && <option value={-1}>none</option>}
                    {columns.names.map((name, index) => (
                      <option key={index} value={index}>
                        {name}
                      </option>
                    ))}
                  </select>
                </label>
              );
            })}
          </div>
          <table className="sample-rows">
            <tbody>
              {columns.rows.slice(0, 4).map((row, i) => (
                <tr key={i}>
                  {row.map((cell, j) => (
                    <td key={j}>{cell.length > 60 ? `${cell.slice(0, 60)}…` : cell}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {running && (
        <div className="progress" data-testid="progress">
          <progress max={1} value={job.progress} />
          <span>{job.phase}…</span>
          <button type="button" onClick={() => void api.cancelImport({ jobId: job.jobId })}>
            Cancel
          </button>
        </div>
      )}
      {job?.state === 'cancelled' && <p className="notice">The import was cancelled; nothing was imported.</p>}

      {preview && !finished && !running && (
        <div className="preview" data-testid="import-preview">
          <h2>
            {preview.format}: what importing would do
          </h2>
          <table className="import-counts">
            <thead>
              <tr>
                <th />
                <th>added</th>
                <th>updated</th>
                <th>unchanged</th>
                <th>skipped</th>
              </tr>
            </thead>
            <tbody>
              {counts('Notes', preview.notes)}
              {counts('Cards', preview.cards)}
              {counts('Reviews', preview.reviews)}
              {counts('Media', preview.media)}
            </tbody>
          </table>
          {preview.messages.length > 0 && (
            <details open={preview.messages.length <= 5}>
              <summary>{preview.messages.length} problem(s) and note(s)</summary>
              <ul className="messages">
                {preview.messages.slice(0, 100).map((message, i) => (
                  <li key={i}>{message}</li>
                ))}
              </ul>
            </details>
          )}
          <div className="preview-cards">
            {preview.preview.map((card) => (
              <div key={card.cardId} className="preview-card">
                <CardFace html={card.front} />
                <CardFace html={card.back} className="back" />
              </div>
            ))}
          </div>
          <button type="button" className="primary" data-testid="do-import" disabled={importing} onClick={() => void run(false, options)}>
            Import
          </button>
        </div>
      )}

      {finished && (
        <div className="summary" data-testid="import-summary">
          <h2>Imported {finished.file.split(/[\\/]/).pop()}</h2>
          <p>
            {finished.notes.added} notes added, {finished.notes.updated} updated, {finished.notes.unchanged} unchanged; {finished.reviews.added} reviews and{' '}
            {finished.media.added} media files added.
          </p>
          {finished.messages.length > 0 && (
            <ul className="messages">
              {finished.messages.slice(0, 20).map((message, i) => (
                <li key={i}>{message}</li>
              ))}
            </ul>
          )}
          {removed ? (
            <p className="notice" data-testid="import-removed">
              What this import added was removed{finished.notes.updated ? ', and the notes it updated are as they were before' : ''}.
            </p>
          ) : (
            <div className="summary-actions">
              {finished.deckIds.map((deckId, i) => (
                <button key={deckId} type="button" className="primary" onClick={() => navigate({ screen: 'study', deckId })}>
                  Study {finished.decks[i]}
                </button>
              ))}
              {finished.undoSeq !== undefined && (
                <button
                  type="button"
                  data-testid="undo-import"
                  onClick={() => void undoLast(api, finished.undoSeq).then((result) => result && result.label !== null && setRemoved(true))}
                >
                  Remove what this import added
                </button>
              )}
            </div>
          )}
        </div>
      )}
    </section>
  );
}
