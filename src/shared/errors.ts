// Error codes and the error shape that every transport carries back to callers unchanged.

export type ErrorCode =
  | 'invalid_input' // a payload failed validation
  | 'not_found' // a card, note, deck or preset id that does not exist
  | 'parse_error' // a file could not be read as its format; `where` says file, line, column
  | 'data_damaged' // the snapshot or journal is damaged; nothing is written until recovered
  | 'data_locked' // another process holds the data folder
  | 'forbidden' // transport refused the caller (wrong secret, origin or host)
  | 'conflict' // the operation does not apply in the current state
  | 'disk_full' // the disk holding the data folder has no room; nothing acknowledged was lost
  | 'read_only' // the data folder cannot be written (a read-only disk, no permission): reading still works
  | 'disk_error' // the disk reported an input/output error
  | 'internal';

export interface Where {
  file?: string;
  line?: number;
  column?: number;
  /** How many characters from `column` are at fault (a search's offending part). */
  length?: number;
  field?: string;
  /** The method a refused call named, which its message starts with (`savePreset: …`). */
  method?: string;
}

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  where?: Where;
}

/** An error that crosses the contract: code for programs, message for people, where for files. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly where: Where | undefined;

  constructor(code: ErrorCode, message: string, where?: Where) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.where = where;
  }

  toBody(): ErrorBody {
    return this.where ? { code: this.code, message: this.message, where: this.where } : { code: this.code, message: this.message };
  }

  static fromBody(body: ErrorBody): AppError {
    return new AppError(body.code, body.message, body.where);
  }
}

/** Formats `file:line:column` the way editors and compilers do, for messages. */
export function formatWhere(where: Where | undefined): string {
  if (!where) return '';
  const parts: string[] = [];
  if (where.file) parts.push(where.file);
  if (where.line !== undefined) parts.push(String(where.line));
  if (where.column !== undefined) parts.push(String(where.column));
  const location = parts.join(':');
  return where.field ? `${location}${location ? ' ' : ''}(field ${where.field})` : location;
}

/** The reply envelope used by IPC and HTTP so errors keep their code and location. */
export type Envelope<T> = { ok: true; result: T } | { ok: false; error: ErrorBody };
