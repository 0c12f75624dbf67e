// The ways back from damaged data, each with what it keeps, best first: rebuild from the journal, cut it at the damage, or restore a backup.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ReviewLog } from '../../core/history/review-log';
import type { Damage, WayBack } from '../../shared/dto';
import type { BackupEntry } from './backups';
import { decodeLine, scanJournal } from './journal';

const count = (n: number) => n.toLocaleString('en-US');
const reviews = (n: number) => `${count(n)} review${n === 1 ? '' : 's'}`;

/** "2 Dec 2026, 10:00", in the machine's time zone: how a person names the day a backup was made. */
export function backupDate(ms: number): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(ms);
}

/** Reviews the journal holds up to its first damaged line, as the history counts them (undone ones not), and whether it has one. */
export function reviewsInJournal(path: string): { reviews: number; damaged: boolean } {
  const log = new ReviewLog();
  let damaged = false;
  try {
    damaged = scanJournal(path, 0, 1, ({ seq, event }) => log.record(seq, event)).damage !== null;
  } catch {
    return { reviews: 0, damaged: true };
  }
  return { reviews: log.activeCount, damaged };
}

/**
 * Reviews a backup holds: written in its manifest since backups recorded it; for older backups,
 * counted from its journal.
 */
export function reviewsInBackup(entry: BackupEntry): number {
  if (entry.manifest.reviews !== undefined) return entry.manifest.reviews;
  const log = new ReviewLog();
  try {
    const text = gunzipSync(readFileSync(join(entry.path, 'journal.jsonl.gz'))).toString('utf8');
    for (const line of text.split('\n')) {
      if (!line) continue;
      const decoded = decodeLine(line);
      if ('error' in decoded) break;
      log.record(decoded.seq, decoded.event);
    }
  } catch {
    // a backup that cannot be read keeps nothing
  }
  return log.activeCount;
}

export interface DamagedFolder {
  damage: Damage;
  /** The snapshot is what is damaged, and the journal can be read whole: it can rebuild everything. */
  journalPath: string;
  snapshotDamaged: boolean;
  /** Where the journal's damaged line starts, when cutting there is offered. */
  cutAtByte: number | null;
  backups: BackupEntry[];
}

const ORDER: Record<WayBack['kind'], number> = { rebuild: 0, cut: 1, restore: 2 };

/** Best first: the way that keeps the most reviews; on a tie, rebuild, cut, then the newest backup. */
export function bestFirst(ways: WayBack[]): WayBack[] {
  return ways.sort((a, b) => b.reviews - a.reviews || ORDER[a.kind] - ORDER[b.kind] || (b.backup?.createdAt ?? 0) - (a.backup?.createdAt ?? 0));
}

export function restoreWays(backups: BackupEntry[]): WayBack[] {
  return backups.map((entry) => {
    const kept = reviewsInBackup(entry);
    return {
      kind: 'restore',
      backup: { name: entry.name, createdAt: entry.manifest.createdAt },
      reviews: kept,
      label: `backup of ${backupDate(entry.manifest.createdAt)}: ${reviews(kept)}`,
      detail: 'Goes back to that moment: answers and changes made after it leave the collection (the current files are moved to the “damaged” folder, not deleted).',
      command: `interleave restore ${entry.name}`,
    };
  });
}

/** Every way back from the damage, with what each keeps, best first. */
export function waysBack(folder: DamagedFolder): WayBack[] {
  const ways: WayBack[] = [];
  if (folder.snapshotDamaged) {
    const journal = reviewsInJournal(folder.journalPath);
    if (!journal.damaged) {
      ways.push({
        kind: 'rebuild',
        reviews: journal.reviews,
        label: `rebuild: all ${reviews(journal.reviews)}`,
        detail: 'Rebuilds the collection from the journal, which holds every answer and change: nothing is lost (the damaged snapshot is moved to the “damaged” folder).',
        command: 'interleave rebuild',
      });
    }
  }
  if (folder.cutAtByte !== null) {
    const kept = reviewsInJournal(folder.journalPath).reviews;
    const after = folder.damage.keepBefore?.entriesAfter ?? 0;
    ways.push({
      kind: 'cut',
      reviews: kept,
      label: `journal up to the damaged line: ${reviews(kept)}`,
      detail: `Goes on from the last good line: the ${count(after)} journal ${after === 1 ? 'entry' : 'entries'} from ${folder.damage.position} on leave the collection (the whole journal is copied to the “damaged” folder first).`,
      command: 'interleave cut-at-damage',
    });
  }
  ways.push(...restoreWays(folder.backups));
  return bestFirst(ways);
}

/** One line for a message: "Ways back, best first: rebuild: all 3,583 reviews (interleave rebuild); …". */
export function waysBackSentence(ways: WayBack[]): string {
  if (ways.length === 0) return 'No way back is known: there is no backup, and the journal cannot rebuild the collection.';
  return `Ways back, best first: ${ways.map((way) => `${way.label} (${way.command})`).join('; ')}.`;
}
