// Opens the real service on a temporary folder with a clock the test moves by hand.
import { join } from 'node:path';
import { fixedOffsetCalendar } from '../../src/core/time/study-day';
import type { ImportLimits } from '../../src/core/import/bundle';
import { StudyService } from '../../src/main/service/study-service';
import type { FitRunner } from '../../src/main/optimizer/optimizer-handlers';
import { tempFolder } from './temp-folder';

export const SAMPLE_DECKS = join(import.meta.dirname, '../fixtures/decks');

export class TestClock {
  constructor(public ms: number) {}
  now = (): number => this.ms;
  advance(minutes: number): void {
    this.ms += minutes * 60_000;
  }
  advanceDays(days: number): void {
    this.ms += days * 86_400_000;
  }
}

/** 2026-03-02 10:00 UTC: a Monday morning, well inside a study day that starts at 4:00 UTC. */
export const T0 = Date.UTC(2026, 2, 2, 10, 0);

export function openTestService(
  options: { dataDir?: string; clock?: TestClock; decks?: string | null; snapshotEvery?: number; importLimits?: Partial<ImportLimits>; importReader?: 'child' | 'in-process'; fitRunner?: FitRunner } = {},
) {
  const clock = options.clock ?? new TestClock(T0);
  const dataDir = options.dataDir ?? tempFolder();
  const service = StudyService.open({
    dataDir,
    now: clock.now,
    builtinDecksDir: options.decks === undefined ? SAMPLE_DECKS : options.decks,
    calendar: (hour) => fixedOffsetCalendar(0, hour),
    purpose: 'test',
    ...(options.snapshotEvery ? { snapshotEvery: options.snapshotEvery } : {}),
    ...(options.importLimits ? { importLimits: options.importLimits } : {}),
    // Files are read in this process unless a test is about the child process: spawning one per import would slow every test.
    importReader: options.importReader ?? 'in-process',
    ...(options.fitRunner ? { fitRunner: options.fitRunner } : {}),
  });
  return { service, clock, dataDir };
}
