// The window: a header, the current screen, and the recovery screen when the data needs it.
import { useEffect, useState } from 'react';
import type { DataStatus } from '../../shared/dto';
import { HomeScreen } from '../home/HomeScreen';
import { RecoveryScreen } from '../recovery/RecoveryScreen';
import { SettingsScreen } from '../settings/SettingsScreen';
import { StudyScreen } from '../study/StudyScreen';
import { applyTheme } from '../theme/theme';
import { useApi } from './api-context';
import { ErrorBanner } from './errors';
import { navigate, useRoute } from './route';

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

  if (error) return <ErrorBanner error={error} />;
  if (!status) return <p className="muted center">Opening your collection…</p>;
  if (!status.ok) return <RecoveryScreen status={status} onRecovered={setStatus} />;

  return (
    <div className="app">
      <nav className="top-nav">
        <button type="button" className="brand link" onClick={() => navigate({ screen: 'home' })}>
          Interleave
        </button>
        <button type="button" className={`link ${route.screen === 'home' ? 'active' : ''}`} onClick={() => navigate({ screen: 'home' })}>
          Decks
        </button>
        <button type="button" className={`link ${route.screen === 'settings' ? 'active' : ''}`} data-testid="nav-settings" onClick={() => navigate({ screen: 'settings' })}>
          Settings
        </button>
      </nav>
      {status.warnings.map((warning) => (
        <p key={warning} className="notice warning">
          {warning}
        </p>
      ))}
      <main>
        {route.screen === 'home' && <HomeScreen />}
        {route.screen === 'study' && <StudyScreen key={route.deckId ?? 'all'} deckId={route.deckId} />}
        {route.screen === 'settings' && <SettingsScreen />}
      </main>
    </div>
  );
}
