// A banner on Home when the last daily backup failed: when, why, and that the collection itself is safe.
import { useEffect, useState } from 'react';
import type { BackupFailure } from '../../shared/dto';
import { useApi } from '../app/api-context';

export function BackupProblem() {
  const api = useApi();
  const [failure, setFailure] = useState<BackupFailure | null>(null);

  // Asked each time Home shows: the backup runs in the background, after the window opened.
  useEffect(() => {
    let live = true;
    api.status({}).then(
      (status) => live && setFailure(status.backupFailure),
      () => undefined, // the status itself failing is shown by the window's own error screen
    );
    return () => {
      live = false;
    };
  }, [api]);

  if (!failure) return null;
  return (
    <p className="notice warning" role="alert" data-testid="backup-failed">
      The daily backup failed on {new Date(failure.at).toLocaleString()}: {failure.message}. Your collection is safe in its folder; the backup is tried
      again in about an hour. If this keeps happening, check the free space and permissions of the data folder.
    </p>
  );
}
