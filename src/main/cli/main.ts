// `interleave`: the service from a terminal, for scripting and automation (`--json` for programs).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeckNode } from '../../shared/dto';
import { RATINGS, type Rating } from '../../shared/dto';
import { AppError } from '../../shared/errors';
import { builtinDecksDir, clockFrom, dataDirFrom, importLimitsFrom } from '../runtime-options';
import { StudyService } from '../service/study-service';
import { formatCalibration, PLANNING_COMMANDS, PLANNING_USAGE, PlanningUsageError, runPlanningCommand } from './planning-commands';
import { formatCard, formatCheck, formatDecks, formatDue, formatImport, formatSearch, formatStats, formatWaysBack, when } from './format';
import { parseCommandLine, UsageError } from './arguments';
import { printable } from './terminal-text';

const USAGE = `Usage: interleave [--data DIR] [--json] [--now ISO-8601] COMMAND [ARGS]

Commands:
  decks                                   decks with total, new, learning and due counts
  due [--deck NAME] [--limit N]           cards due now, in study order
  show CARD_ID                            a card's fields, state and review history
  search QUERY [--limit N]                cards matching an Anki-style query (docs/search.md); the first 1000
                                          unless --limit says otherwise. The query may begin with "-" (-is:new);
                                          words after "--" are always the query's
  stats [--deck NAME]                     every figure of the statistics screen
  answer CARD_ID again|hard|good|easy [--duration MS]
  undo                                    take back the last answer or change
  suspend|unsuspend|bury CARD_ID...       change cards' availability
  import FILE [--deck NAME] [--dry-run] [--existing update|skip]
         [--media-file-limit SIZE] [--media-limit SIZE] [--collection-limit SIZE]
                                          Anki .apkg/.colpkg, CSV/TSV/Anki text, Markdown
                                          (Interleave, Obsidian, Logseq), an Interleave backup. Media is
                                          unpacked to disk; one file may be 4GiB, all of them 32GiB, and
                                          the collection 160MiB (held in memory) unless these say otherwise
                                          (or INTERLEAVE_MEDIA_FILE_LIMIT, INTERLEAVE_MEDIA_LIMIT,
                                          INTERLEAVE_COLLECTION_LIMIT)
  export [--deck NAME] --format md|csv|tsv|apkg|backup OUT
  check                                   verify the snapshot and the journal (exit 4 on damage); on damage,
                                          the ways back with what each keeps, best first
  backups                                 list automatic backups
  restore BACKUP                          replace the collection with a backup (current files are kept aside)
  rebuild                                 rebuild the collection from the journal when the snapshot is damaged
                                          (loses nothing; the damaged snapshot is kept aside)
  cut-at-damage                           go on from the journal's last good line when a later one is damaged
                                          (the whole journal is copied aside first)
${PLANNING_USAGE}

Commands that change the collection also make the daily backup when a day has passed since the last.

Options:
  --data DIR    data folder (default: the desktop app's; or INTERLEAVE_DATA)
  --json        print machine-readable JSON
  --now ISO     the time to act at, e.g. 2026-03-01T09:00:00Z
  --take-over-lock
                take over a lock left by another host name (this machine renamed, or Interleave
                closed there); never while Interleave is open on that host
  -h, --help    this text

A data folder that cannot be written (a read-only disk, a full one) is opened read-only: decks, due,
show, search, stats and check work; commands that change it fail with exit code 5.

Exit codes: 0 ok, 1 failure, 2 bad input, 3 data folder in use, 4 damaged data,
5 the disk is full or the data folder cannot be written (nothing was lost).`;

/** The line a mistaken command line gets, so the right form is in front of the person at once. */
const USAGE_LINE = 'Usage: interleave [--data DIR] [--json] [--now ISO-8601] COMMAND [ARGS] ("interleave --help" lists the commands)';

/** Commands that recover damaged data, and so run when the collection cannot be opened. */
const RECOVERY = ['rebuild', 'cut-at-damage'];

const EXIT = { ok: 0, failure: 1, input: 2, locked: 3, damaged: 4, disk: 5 } as const;
/** Cards `search` lists unless told otherwise, and how many rows the service gives at once. */
const SEARCH_LIMIT = 1000;
const PAGE = 1000;

function findDeck(decks: DeckNode[], name: string): DeckNode | null {
  const flat: DeckNode[] = [];
  const walk = (nodes: DeckNode[]) => nodes.forEach((node) => (flat.push(node), walk(node.children)));
  walk(decks);
  const lower = name.toLowerCase();
  return (
    flat.find((deck) => deck.id === name) ??
    flat.find((deck) => deck.name.toLowerCase() === lower) ??
    flat.find((deck) => deck.shortName.toLowerCase() === lower) ??
    null
  );
}

async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(argv);
  const [command, ...args] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command || values.help ? EXIT.ok : EXIT.input;
  }
  const known = ['decks', 'due', 'show', 'search', 'stats', 'answer', 'undo', 'suspend', 'unsuspend', 'bury', 'import', 'export', 'check', 'backups', 'restore', ...RECOVERY, ...PLANNING_COMMANDS];
  if (!known.includes(command)) throw new UsageError(`unknown command "${command}" (commands: ${known.join(', ')})`);
  const needArgs = (n: number, what: string) => {
    if (args.length < n) throw new UsageError(`${command} needs ${what}`);
  };
  const now = clockFrom(values.now);
  const dataDir = dataDirFrom(values.data);
  const open = (dir: string) =>
    StudyService.open({
      dataDir: dir,
      now,
      builtinDecksDir: builtinDecksDir(import.meta.dirname),
      purpose: `cli ${command}`,
      ...(values['take-over-lock'] ? { takeOverLock: true } : {}),
      importLimits: importLimitsFrom(values),
      // One command at a time: nothing else waits on this process while it reads.
      importReader: 'in-process',
    });
  const print = (result: unknown, text: () => string) => console.log(values.json ? JSON.stringify(result, null, 2) : printable(text()));
  const importRequest = () => {
    needArgs(1, 'a FILE');
    const existing = values.existing;
    if (existing !== undefined && existing !== 'update' && existing !== 'skip') throw new UsageError(`--existing: "${existing}" is not update or skip`);
    return { path: args[0]!, ...(values.deck?.[0] ? { deckName: values.deck[0] } : {}), dryRun: values['dry-run'] ?? false, ...(existing ? { existing: existing as 'update' | 'skip' } : {}) };
  };
  if (command === 'import' && !existsSync(dataDir)) {
    // No collection yet: the import is tried in a scratch folder first, so that a dry run or a file
    // that cannot be imported leaves no data folder behind.
    const request = importRequest();
    const scratch = mkdtempSync(join(tmpdir(), 'interleave-import-'));
    try {
      const trial = open(scratch);
      try {
        const summary = await trial.importFile({ ...request, dryRun: true });
        if (request.dryRun) {
          print(summary, () => formatImport(summary));
          return EXIT.ok;
        }
      } finally {
        await trial.close();
      }
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
  const service = open(dataDir);
  const seqBefore = service.store.lastSeq;
  let code: number = EXIT.ok;
  try {
    const status = await service.status({});
    if (!status.ok && !['check', 'backups', 'restore', ...RECOVERY].includes(command)) {
      const d = status.damage!;
      throw new AppError('data_damaged', `${d.file} at ${d.position}: ${d.problem}.\n${formatWaysBack(status.waysBack ?? [])}`, { file: d.file });
    }
    if (!values.json) for (const warning of status.warnings) console.error(printable(`warning: ${warning}`));
    if (!values.json && status.readOnly) console.error(printable(`warning: read-only: ${status.readOnly.message}`));
    // --deck may be repeated for `plan add`; elsewhere it names one deck.
    const oneDeck = values.deck?.[0];
    const deckId = async (): Promise<string | undefined> => {
      if (!oneDeck) return undefined;
      const deck = findDeck((await service.listDecks({})).decks, oneDeck);
      if (!deck) throw new AppError('not_found', `No deck named "${oneDeck}" (see "interleave decks").`, { field: '--deck' });
      return deck.id;
    };
    if ((PLANNING_COMMANDS as readonly string[]).includes(command)) {
      await runPlanningCommand(service, command as (typeof PLANNING_COMMANDS)[number], args, values, print, values.json);
      return code;
    }
    switch (command) {
      case 'decks': {
        const list = await service.listDecks({});
        print(list, () => `${formatDecks(list.decks)}\n\nToday: ${list.today.reviews} reviews, ${list.today.newCards} new.`);
        break;
      }
      case 'due': {
        const limit = values.limit === undefined ? undefined : Number(values.limit);
        if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw new UsageError(`--limit: "${values.limit}" is not a positive whole number`);
        const id = await deckId();
        const due = await service.listDue({ ...(id ? { deckId: id } : {}), ...(limit ? { limit } : {}) });
        print(due, () => formatDue(due));
        break;
      }
      case 'show': {
        needArgs(1, 'a CARD_ID');
        const info = await service.getCard({ cardId: args[0]! });
        print(info, () => formatCard(info));
        break;
      }
      case 'search': {
        const limit = values.limit === undefined ? SEARCH_LIMIT : Number(values.limit);
        if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit: "${values.limit}" is not a positive whole number`);
        const found = await service.search({ query: args.join(' '), limit: Math.min(limit, PAGE) });
        const listed = [...found.rows];
        // The service hands out rows a page at a time; a longer list is fetched page by page.
        for (let from = listed.length; from < Math.min(limit, found.total); from += PAGE) {
          listed.push(...(await service.browseRows({ cardIds: found.ids.slice(from, Math.min(limit, from + PAGE)) })));
        }
        const rows = listed.map((row) => ({ cardId: row.cardId, deck: row.deckName, question: row.question }));
        const truncated = rows.length < found.total;
        print({ total: found.total, shown: rows.length, truncated, cards: rows }, () =>
          [
            formatSearch(rows),
            truncated
              ? `Showing ${rows.length} of ${found.total} cards (--limit ${limit}); use --limit ${found.total} to see them all.`
              : `${found.total} card(s)`,
          ].join('\n'),
        );
        break;
      }
      case 'stats': {
        const id = await deckId();
        const stats = await service.stats({ ...(id ? { deckId: id } : {}) });
        // Calibration is the evidence behind readiness figures: scripts get it with the rest.
        const calibration = await service.calibration({ ...(id ? { deckId: id } : {}) });
        print({ ...stats, calibration }, () => `${formatStats(stats)}\n\n${formatCalibration(calibration)}`);
        break;
      }
      case 'answer': {
        needArgs(2, 'a CARD_ID and a rating (again, hard, good or easy)');
        const rating = args[1]!.toLowerCase();
        if (!(RATINGS as readonly string[]).includes(rating)) throw new UsageError(`rating "${args[1]}" is not one of again, hard, good, easy`);
        const duration = values.duration === undefined ? undefined : Number(values.duration);
        if (duration !== undefined && (!Number.isInteger(duration) || duration < 0)) throw new UsageError(`--duration: "${values.duration}" is not a whole number of milliseconds`);
        const result = await service.answer({ cardId: args[0]!, rating: rating as Rating, ...(duration !== undefined ? { durationMs: duration } : {}) });
        print(result, () => `${result.cardId}: ${result.rating}; next due ${when(result.due)} (in ${result.intervalLabel})${result.leech ? '; it is now a leech: tagged and suspended' : ''}`);
        break;
      }
      case 'undo': {
        const result = await service.undo({});
        print(result, () => (result.action ? `Took back "${result.action}".` : result.cardId ? `Took back "${result.rating}" on ${result.cardId}.` : 'Nothing to undo.'));
        break;
      }
      case 'suspend':
      case 'unsuspend':
      case 'bury': {
        needArgs(1, 'one or more CARD_IDs');
        const result = await service[command]({ cardIds: args });
        print(result, () => `${command}: ${result.changed} card(s) changed.`);
        break;
      }
      case 'import': {
        const summary = await service.importFile(importRequest());
        print(summary, () => formatImport(summary));
        break;
      }
      case 'export': {
        needArgs(1, 'an OUT path');
        const formats = ['md', 'csv', 'tsv', 'apkg', 'backup'] as const;
        const format = values.format as (typeof formats)[number] | undefined;
        if (!format || !formats.includes(format)) throw new UsageError(`--format must be one of ${formats.join(', ')}`);
        const id = await deckId();
        const summary = await service.exportTo({ format, path: args[0]!, ...(id ? { deckId: id } : {}) });
        print(summary, () =>
          [`Exported ${summary.notes} notes, ${summary.cards} cards, ${summary.reviews} reviews, ${summary.media} media files:`, ...summary.paths.map((p) => `  ${p}`), ...summary.messages.map((m) => `- ${m}`)].join('\n'),
        );
        break;
      }
      case 'check': {
        const report = await service.check({});
        const damage = status.damage;
        const result = damage ? { ...report, ok: false, damage } : report;
        print(result, () => formatCheck(report) + (damage ? `\nOpen failed: ${damage.file} at ${damage.position}: ${damage.problem}` : '') + (report.waysBack ? `\n${formatWaysBack(report.waysBack)}` : ''));
        if (!result.ok) code = EXIT.damaged;
        break;
      }
      case 'backups': {
        const backups = await service.listBackups({});
        print(backups, () => (backups.length ? backups.map((b) => `${b.name}  ${when(b.createdAt)}  ${(b.bytes / 1024).toFixed(0)} KiB`).join('\n') : 'No backups yet.'));
        break;
      }
      case 'restore': {
        needArgs(1, 'a BACKUP name (see "interleave backups")');
        const result = await service.restoreBackup({ name: args[0]! });
        print(result, () => `Restored ${args[0]}; the previous files are in ${service.store.dataDir}/damaged/.`);
        break;
      }
      case 'rebuild': {
        const result = await service.rebuildFromJournal({});
        print(result, () => `Rebuilt the collection from the journal; the damaged snapshot is in ${service.store.dataDir}/damaged/.`);
        break;
      }
      case 'cut-at-damage': {
        const result = await service.keepJournalUntilDamage({});
        print(result, () => result.warnings.join('\n'));
        break;
      }
    }
    // A learner who only uses the command gets the daily backup too, from the commands that write.
    // Its failure does not undo what the command did (exit code as it was), but it is said.
    if (service.store.lastSeq > seqBefore) {
      await service.backupIfDue().catch((error: unknown) => console.error(printable(`interleave: warning: the daily backup failed: ${(error as Error).message}`)));
    }
  } finally {
    // A short tail is cheaper to replay next time than a full snapshot is to write now.
    await service.close({ snapshotIfPendingAtLeast: 200 });
    if (service.store.closeProblem) console.error(printable(`interleave: warning: ${service.store.closeProblem}`));
  }
  return code;
}

function exitCodeOf(error: unknown): number {
  if (error instanceof UsageError || error instanceof PlanningUsageError) return EXIT.input;
  if (error instanceof AppError) {
    if (error.code === 'data_locked') return EXIT.locked;
    if (error.code === 'data_damaged') return EXIT.damaged;
    if (error.code === 'disk_full' || error.code === 'read_only' || error.code === 'disk_error') return EXIT.disk;
    if (['invalid_input', 'not_found', 'parse_error', 'conflict'].includes(error.code)) return EXIT.input;
  }
  return EXIT.failure;
}

/** The error as a script reads it: bad command lines are `invalid_input`, like any other bad input. */
function errorBody(error: unknown) {
  if (error instanceof AppError) return error.toBody();
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof UsageError || error instanceof PlanningUsageError) return { code: 'invalid_input' as const, message };
  return { code: 'internal' as const, message };
}

/**
 * Ends the process once stdout and stderr have taken everything written to them. process.exit()
 * at once would drop what a pipe had no room for yet (64 KiB on Linux): `--json … | jq` would read
 * half a document.
 */
function exitWhenWritten(code: number): void {
  process.exitCode = code;
  let open = 2;
  const done = () => {
    if (--open === 0) process.exit(code);
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}

// A reader that went away (`interleave … | head`) is not a failure of the command.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

run(process.argv.slice(2)).then(exitWhenWritten, (error: unknown) => {
  const body = errorBody(error);
  if (process.argv.includes('--json')) console.log(JSON.stringify({ error: body }, null, 2));
  else console.error(printable(`interleave: ${body.message}`));
  if (error instanceof UsageError) console.error(USAGE_LINE);
  exitWhenWritten(exitCodeOf(error));
});
