// The window: a header, the current screen, and the recovery screen when the data needs it.
import { lazy, Suspense, useEffect, useState } from 'react';
import type { DataStatus } from '../../shared/dto';
import { HomeScreen } from '../home/HomeScreen';
import { setDroppedFile } from '../import-export/dropped-file';
import { loadStudyScreen } from '../study/load-study';

// The deck list comes with the window; the other screens (study, charts, the editor, import) load
// when first opened, so the decks appear without waiting for code they do not need. Home asks for
// the study screen's once the decks are shown.
const StudyScreen = lazy(() => loadStudyScreen().then((m) => ({ default: m.StudyScreen })));
const RecoveryScreen = lazy(() => import('../recovery/RecoveryScreen').then((m) => ({ default: m.RecoveryScreen })));
const BrowseScreen = lazy(() => import('../browse/BrowseScreen').then((m) => ({ default: m.BrowseScreen })));
const AddScreen = lazy(() => import('../editor/AddScreen').then((m) => ({ default: m.AddScreen })));
const StatsScreen = lazy(() => import('../stats/StatsScreen').then((m) => ({ default: m.StatsScreen })));
const ExportScreen = lazy(() => import('../import-export/ExportScreen').then((m) => ({ default: m.ExportScreen })));
const ImportScreen = lazy(() => import('../import-export/ImportScreen').then((m) => ({ default: m.ImportScreen })));
const SettingsScreen = lazy(() => import('../settings/SettingsScreen').then((m) => ({ default: m.SettingsScreen })));
const InterviewScreen = lazy(() => import('../interview/InterviewScreen').then((m) => ({ default: m.InterviewScreen })));
const StoriesScreen = lazy(() => import('../stories/StoriesScreen').then((m) => ({ default: m.StoriesScreen })));
const StoryScreen = lazy(() => import('../stories/StoryScreen').then((m) => ({ default: m.StoryScreen })));
import { applyTheme } from '../theme/theme';
import { useApi } from './api-context';
import { ErrorBanner } from './errors';
import { navigate, useRoute } from './route';
import { ToastLine } from '../undo/Toast';
import { clearToast } from '../undo/toast';
import { isTyping, isUndoKey, MENU_UNDO_EVENT, undoLast } from '../undo/undo-bus';

export function App() {
  const api = useApi();
  const route = useRoute();
  const [status, setStatus] = useState<DataStatus | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    api.status({}).then(async (s) => {
      setStatus(s);
      if (s.ok) applyTheme((await api.getSettings({})).theme);
    }, setError);
  }, [api]);

  // Ctrl/Cmd+Z anywhere but in a text field (where it undoes typing) or an open dialog takes back
  // the last change, whichever screen made it; so does the desktop app's Edit menu.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isUndoKey(event) || event.defaultPrevented || isTyping(event.target) || document.querySelector('dialog[open]')) return;
      event.preventDefault();
      void undoLast(api);
    };
    const onMenu = () => void undoLast(api);
    window.addEventListener('keydown', onKey);
    window.addEventListener(MENU_UNDO_EVENT, onMenu);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener(MENU_UNDO_EVENT, onMenu);
    };
  }, [api]);

  // A message belongs to the screen it was said on.
  useEffect(() => clearToast(), [route.screen]);

  if (error) return <ErrorBanner error={error} />;
  if (!status) return <p className="muted center">Opening your collection…</p>;
  if (!status.ok) {
    return (
      <Suspense fallback={<p className="muted center">Opening your collection…</p>}>
        <RecoveryScreen status={status} onRecovered={setStatus} />
      </Suspense>
    );
  }

  return (
    <div
      className={`app ${route.screen === 'browse' ? 'wide' : ''}`}
      onDragOver={(event) => event.preventDefault()}
      onDrop={(event) => {
        // A file dropped anywhere on the window goes to the import screen.
        const file = event.dataTransfer.files[0];
        if (!file || route.screen === 'import') return;
        event.preventDefault();
        setDroppedFile(file);
        navigate({ screen: 'import', picked: null });
      }}
    >
      {/* The first Tab stop: past the navigation, straight to the screen. A button, since links here are routes. */}
      <button type="button" className="skip-link" onClick={() => document.getElementById('main')?.focus()}>
        Skip to the screen
      </button>
      <nav className="top-nav" aria-label="Screens">
        <button type="button" className="brand link" onClick={() => navigate({ screen: 'home' })}>
          Interleave
        </button>
        <button type="button" className={`link ${route.screen === 'home' ? 'active' : ''}`} onClick={() => navigate({ screen: 'home' })}>
          Decks
        </button>
        <button type="button" className={`link ${route.screen === 'interview' ? 'active' : ''}`} data-testid="nav-interview" onClick={() => navigate({ screen: 'interview', planId: null })}>
          Interview
        </button>
        <button type="button" className={`link ${route.screen === 'browse' ? 'active' : ''}`} data-testid="nav-browse" onClick={() => navigate({ screen: 'browse', query: '' })}>
          Browse
        </button>
        <button type="button" className={`link ${route.screen === 'add' ? 'active' : ''}`} data-testid="nav-add" onClick={() => navigate({ screen: 'add' })}>
          Add
        </button>
        <button type="button" className={`link ${route.screen === 'stats' ? 'active' : ''}`} data-testid="nav-stats" onClick={() => navigate({ screen: 'stats' })}>
          Statistics
        </button>
        <button
          type="button"
          className={`link ${route.screen === 'stories' || route.screen === 'story' ? 'active' : ''}`}
          data-testid="nav-stories"
          onClick={() => navigate({ screen: 'stories', view: 'prompts' })}
        >
          Stories
        </button>
        <button type="button" className={`link ${route.screen === 'import' ? 'active' : ''}`} data-testid="nav-import" onClick={() => navigate({ screen: 'import', picked: null })}>
          Import
        </button>
        <button type="button" className={`link ${route.screen === 'export' ? 'active' : ''}`} data-testid="nav-export" onClick={() => navigate({ screen: 'export' })}>
          Export
        </button>
        <button type="button" className={`link ${route.screen === 'settings' ? 'active' : ''}`} data-testid="nav-settings" onClick={() => navigate({ screen: 'settings' })}>
          Settings
        </button>
      </nav>
      {status.readOnly && (
        <p className="notice warning" role="status" data-testid="read-only">
          <strong>Read-only.</strong> {status.readOnly.message}
        </p>
      )}
      {status.warnings.map((warning) => (
        <p key={warning} className="notice warning">
          {warning}
        </p>
      ))}
      <main id="main" tabIndex={-1}>
        <ToastLine />
        <Suspense fallback={<p className="muted">Opening…</p>}>
          {route.screen === 'home' && <HomeScreen />}
          {route.screen === 'study' && (
            <StudyScreen key={route.planId ?? route.cardIds?.join(',') ?? route.deckId ?? 'all'} deckId={route.deckId} planId={route.planId} cardIds={route.cardIds} />
          )}
          {route.screen === 'interview' && <InterviewScreen key={route.planId ?? 'new'} planId={route.planId} />}
          {route.screen === 'settings' && <SettingsScreen />}
          {route.screen === 'import' && <ImportScreen key={route.picked?.file ?? 'picker'} picked={route.picked} />}
          {route.screen === 'export' && <ExportScreen />}
          {route.screen === 'browse' && <BrowseScreen initialQuery={route.query} />}
          {route.screen === 'add' && <AddScreen />}
          {route.screen === 'stats' && <StatsScreen />}
          {route.screen === 'stories' && <StoriesScreen view={route.view} />}
          {route.screen === 'story' && <StoryScreen key={route.noteId ?? 'new'} noteId={route.noteId} />}
        </Suspense>
      </main>
    </div>
  );
}
