// A child process for the crash tests: answers cards as fast as it can and reports each acknowledgement.
// Usage: tsx answer-loop.ts DATA_DIR DECKS_DIR [hold]
import { writeSync } from 'node:fs';
import { fixedOffsetCalendar } from '../../src/core/time/study-day';
import { StudyService } from '../../src/main/service/study-service';

const [dataDir, decksDir, mode] = process.argv.slice(2);
let now = Date.UTC(2026, 2, 2, 10, 0);
const service = StudyService.open({
  dataDir: dataDir!,
  builtinDecksDir: decksDir!,
  now: () => now,
  calendar: (hour) => fixedOffsetCalendar(0, hour),
  purpose: 'crash-test',
  // Snapshot often, so kills also land during snapshot writes.
  snapshotEvery: 7,
});

writeSync(1, 'ready\n');
if (mode === 'hold') {
  setInterval(() => undefined, 1000);
} else {
  const ratings = ['again', 'hard', 'good', 'easy'] as const;
  let n = 0;
  const step = async (): Promise<void> => {
    const next = await service.nextCard({});
    now += next.card ? 30_000 : 86_400_000;
    if (next.card) {
      const rating = ratings[n % 4]!;
      await service.answer({ cardId: next.card.cardId, rating, durationMs: n });
      // Written only after answer() returned: the answer is acknowledged.
      writeSync(1, `ack ${next.card.cardId} ${rating} ${n}\n`);
      n++;
    }
    setImmediate(() => void step());
  };
  void step();
}
