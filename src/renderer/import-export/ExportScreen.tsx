// Export: a deck or everything, as Markdown decks, CSV/TSV, an Anki package, or a full backup, saved as downloads.
import { useEffect, useState } from 'react';
import type { DeckNode, ExportSummary } from '../../shared/dto';
import { useApi } from '../app/api-context';
import { DeckOptions } from '../app/DeckOptions';
import { flattenDecks } from '../app/deck-list';
import { ErrorBanner } from '../app/errors';

type Format = ExportSummary['format'];

const FORMATS: { value: Format; label: string }[] = [
  { value: 'backup', label: 'Full backup (.interleave): notes, history, presets, media' },
  { value: 'apkg', label: 'Anki package (.apkg) with review history' },
  { value: 'md', label: 'Interleave Markdown decks (.md), one file per deck' },
  { value: 'csv', label: 'CSV (Anki plain-text columns)' },
  { value: 'tsv', label: 'TSV (Anki plain-text columns)' },
];


/** Saves bytes as a download; the window never gets a path on disk. */
function download(name: string, base64: string): void {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes]));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function ExportScreen() {
  const api = useApi();
  const [decks, setDecks] = useState<DeckNode[]>([]);
  const [deckId, setDeckId] = useState('');
  const [format, setFormat] = useState<Format>('backup');
  const [done, setDone] = useState<ExportSummary | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    api.listDecks({}).then((list) => setDecks(flattenDecks(list.decks)), setError);
  }, [api]);

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await api.exportData({ format, ...(deckId ? { deckId } : {}) });
      for (const file of result.files) download(file.name, file.base64);
      setDone(result);
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
        <p className="notice" data-testid="export-done">
          Saved {done.paths.join(', ')}: {done.notes} notes, {done.cards} cards, {done.reviews} reviews, {done.media} media files.
          {done.messages.map((message) => ` ${message}`)}
        </p>
      )}
    </section>
  );
}
