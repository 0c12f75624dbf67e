// The daily backup while the app runs: looked for now and then, taken when it is due and the learner has paused.

/** What the timer calls: makes the backup when due (a no-op otherwise); rejects when it failed. */
export type BackupRun = () => Promise<unknown>;

/** Calls `tick` every `ms` until the returned function is called. */
export type Every = (tick: () => void, ms: number) => () => void;

const every: Every = (tick, ms) => {
  const timer = setInterval(tick, ms);
  // Never what keeps the process alive: the CLI and tests end when their work does.
  timer.unref();
  return () => clearInterval(timer);
};

export interface DailyBackupOptions {
  /** Where a failure is written, for whoever reads the log (the terminal of browser mode, the app's log). */
  log: (line: string) => void;
  /** How often to look whether a backup is due: default one minute. */
  checkEveryMs?: number;
  /** After a failure, how long before trying again: default one hour, so a full disk is not hammered. */
  retryAfterFailureMs?: number;
  /** The timer, injectable so tests tick it by hand. */
  every?: Every;
}

/**
 * Looks every minute whether the daily backup is due and takes it when no answer came since the
 * last look: a backup reads the whole journal and compresses it, which should not slow an answer
 * down. An app left open for days gets its backup each day at the first pause. The first look is
 * at once: nobody is answering yet when the app starts.
 */
export class DailyBackup {
  private answered = false;
  private running: Promise<void> | null = null;
  private stopTimer: (() => void) | null = null;
  private waitUntil = 0;
  private looks = 0;

  constructor(
    private readonly run: BackupRun,
    private readonly options: DailyBackupOptions,
  ) {}

  start(): void {
    if (this.stopTimer) return;
    const checkEveryMs = this.options.checkEveryMs ?? 60_000;
    this.stopTimer = (this.options.every ?? every)(() => this.look(), checkEveryMs);
    void this.attempt();
  }

  /** An answer or another change came in: the learner is busy, so the next look passes. */
  noteActivity(): void {
    this.answered = true;
  }

  private look(): void {
    this.looks++;
    if (this.answered) {
      this.answered = false;
      return;
    }
    if (this.looks < this.waitUntil) return;
    void this.attempt();
  }

  /** Runs the backup unless one is running; a failure is logged (the store keeps it for the window). */
  attempt(): Promise<void> {
    if (!this.running) {
      this.running = this.run()
        .then(
          () => undefined,
          (error: unknown) => {
            const checkEveryMs = this.options.checkEveryMs ?? 60_000;
            this.waitUntil = this.looks + Math.ceil((this.options.retryAfterFailureMs ?? 3_600_000) / checkEveryMs);
            this.options.log(`Backup failed: ${(error as Error).message}`);
          },
        )
        .finally(() => {
          this.running = null;
        });
    }
    return this.running;
  }

  /** Resolves when no backup is under way (at once if none is). */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Stops looking and waits for a backup under way, so closing never cuts one short. */
  async stop(): Promise<void> {
    this.stopTimer?.();
    this.stopTimer = null;
    await this.settled();
  }
}
