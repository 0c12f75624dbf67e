// What a transport sends back for an error: the service's own errors as they are, disk faults in their own words, anything else as internal.
import { AppError, type ErrorBody } from '../../shared/errors';
import { diskError } from '../store/disk-errors';

/** `dataDir` names the folder in a disk fault's message (a full disk, a read-only one). */
export function errorBody(error: unknown, dataDir: string): ErrorBody {
  const translated = diskError(error, dataDir, 'handling the request');
  if (translated instanceof AppError) return translated.toBody();
  return { code: 'internal', message: (error as Error | null)?.message || String(error) };
}
