// Disk faults in the learner's words: a full disk, a folder that cannot be written, a failing disk — each with its own code.
import { AppError } from '../../shared/errors';

const FULL = new Set(['ENOSPC', 'EDQUOT']);
const NOT_WRITABLE = new Set(['EROFS', 'EACCES', 'EPERM']);
const FAILING = new Set(['EIO']);

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException | null)?.code ?? '';
}

/** Whether the error says the disk is full (a quota counts). */
export function isDiskFull(error: unknown): boolean {
  return FULL.has(codeOf(error));
}

/** Whether the error says the folder cannot be written at all (read-only disk, no permission). */
export function isNotWritable(error: unknown): boolean {
  return NOT_WRITABLE.has(codeOf(error));
}

/** The message for a data folder that cannot be written, read-only or not ours. */
export function notWritableMessage(dataDir: string, code: string): string {
  return `The data folder ${dataDir} cannot be written (${code}: the disk is read-only or the folder is not yours): nothing was changed. Your collection can be read and checked; to study, open it from a writable place.`;
}

export const DISK_FULL_MESSAGE = 'The disk holding your data is full: nothing was lost; free space and try again';

/**
 * The error a disk fault gets when it reaches a person: `disk_full`, `read_only` or `disk_error`,
 * with what was being done and the system's own reason (which names the file). Anything else is
 * returned as it is. Nothing acknowledged is lost by any of them: a journal line counts only once it
 * is flushed, and a snapshot or backup is written aside and renamed into place only when whole.
 */
export function diskError(error: unknown, dataDir: string, doing: string): unknown {
  if (error instanceof AppError) return error;
  const code = codeOf(error);
  const reason = (error as Error | null)?.message ?? String(error);
  if (FULL.has(code)) return new AppError('disk_full', `${DISK_FULL_MESSAGE} (while ${doing}: ${reason}).`, { file: dataDir });
  if (NOT_WRITABLE.has(code)) return new AppError('read_only', `${notWritableMessage(dataDir, code)} (while ${doing}: ${reason})`, { file: dataDir });
  if (FAILING.has(code)) {
    return new AppError(
      'disk_error',
      `The disk holding your data reported an error (${code}) while ${doing}: nothing acknowledged was lost, but the disk may be failing. Make a copy of ${dataDir} and check the disk. (${reason})`,
      { file: dataDir },
    );
  }
  return error;
}
