// Export: a deck or everything, as Markdown decks, CSV/TSV, an Anki package, or a full backup, saved as downloads.
import { useEffect, useState } from 'react';
import type { DeckNode, ExportSummary } from '../../shared/dto';
import { useApi } from '../app/api-context';
import { DeckOptions } from '../app/DeckOptions';
import { flattenDecks } from '../app/deck-list';
import { ErrorBanner } from '../app/errors';
import { exportStem, oneDownload, saveDownload, type Download } from './export-download';

type Format = ExportSummary['format'];

const FORMATS: { value: Format; label: string }[] = [
  { value: 'backup', label: 'Full backup (.interleave): notes, history, presets, media' },
  { value: 'apkg', label: 'Anki package (.apkg) with review history' },
  { value: 'md', label: 'Interleave Markdown decks (.md), one file per deck (several come zipped)' },
  { value: 'csv', label: 'CSV (Anki plain-text columns)' },
  { value: 'tsv', label: 'TSV (Anki plain-text columns)' },
];

/** What the file holds; text formats carry notes and cards only, so their zero reviews are not news. */
function contents(summary: ExportSummary): string {
  const base = `${summary.notes} notes and ${summary.cards} cards`;
  if (summary.format === 'md' || summary.format === 'csv' || summary.format === 'tsv') return base;
  return `${summary.notes} notes, ${summary.cards} cards, ${summary.reviews} reviews and ${summary.media} media files`;
}

export function ExportScreen() {
  const api = useApi();
  const [decks, setDecks] = useState<DeckNode[]>([]);
  const [deckId, setDeckId] = useState('');
  const [format, setFormat] = useState<Format>('backup');
  const [done, setDone] = useState<{ summary: ExportSummary; download: Download } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    api.listDecks({}).then((list) => setDecks(flattenDecks(list.decks)), setError);
  }, [api]);

  const run = async () => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const result = await api.exportData({ format, ...(deckId ? { deckId } : {}) });
      if (result.files.length === 0) throw new Error('There is nothing to export: the chosen decks hold no notes.');
      const deckName = decks.find((deck) => deck.id === deckId)?.name ?? null;
      const download = oneDownload(result.files, exportStem(deckName));
      saveDownload(download);
      setDone({ summary: result, download });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="export" data-testid="export">
      <h1>Export</h1>
      <ErrorBanner error={error} onDismiss={() => setError(null)} />
      <div className="form-grid">
        <label className="field">
          <span>What</span>
          <select value={deckId} onChange={(event) => setDeckId(event.target.value)} data-testid="export-deck">
            <option value="">The whole collection</option>
            <DeckOptions decks={decks} />
          </select>
        </label>
        <label className="field">
          <span>Format</span>
          <select value={format} onChange={(event) => setFormat(event.target.value as Format)} data-testid="export-format">
            {FORMATS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <button type="button" className="primary" disabled={busy} onClick={() => void run()} data-testid="do-export">
        {busy ? 'Exporting…' : 'Export'}
      </button>
      {done && (
        <p className="notice" role="status" data-testid="export-done">
          Saved “{done.download.name}”{done.download.files > 1 ? `, a zip of ${done.download.files} Markdown decks (one .md file per deck),` : ''} with {contents(done.summary)}.{' '}
          {window.interleave ? 'Choose where to keep it in the save dialog.' : 'It is in your browser’s downloads.'}
          {done.summary.messages.map((message) => ` ${/[.!?]$/.test(message) ? message : `${message}.`}`)}
        </p>
      )}
    </section>
  );
}
