// Plain-text rendering of CLI results: aligned tables, dates, and card fields without markup.
import type { CardInfo, CheckReport, DeckNode, DueCard, ImportSummary, WayBack } from '../../shared/dto';
import type { AllStats } from '../../shared/statistics';

export function table(rows: string[][], header: string[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, col) => Math.max(...all.map((row) => (row[col] ?? '').length)));
  const line = (row: string[]) =>
    row
      .map((cell, col) => (col === row.length - 1 ? cell : cell.padEnd(widths[col]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** Local date and time to the minute: what a person reading a terminal wants. */
export function when(ms: number | null): string {
  if (ms === null) return '-';
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function deckRows(nodes: DeckNode[], depth = 0): string[][] {
  return nodes.flatMap((node) => [
    [`${'  '.repeat(depth)}${node.shortName}`, String(node.counts.total), String(node.counts.new), String(node.counts.learning), String(node.counts.review), node.id],
    ...deckRows(node.children, depth + 1),
  ]);
}

export function formatDecks(nodes: DeckNode[]): string {
  return table(deckRows(nodes), ['deck', 'total', 'new', 'learning', 'due', 'id']);
}

export function formatDue(cards: DueCard[]): string {
  if (cards.length === 0) return 'Nothing is due.';
  return table(
    cards.map((card) => [card.cardId, card.kind, card.deckName, card.question]),
    ['card', 'kind', 'deck', 'question'],
  );
}

export function formatCard(info: CardInfo): string {
  const s = info.state;
  const lines = [
    `card ${info.cardId} (note ${info.noteId}, card ${info.ord}) in ${info.deckName}`,
    `type ${info.note.type}; tags: ${info.note.tags.join(' ') || '-'}`,
    '',
    ...Object.entries(info.note.fields).flatMap(([name, value]) => [`## ${name}`, value, '']),
    `state       ${s.kind}${s.suspended ? ' (suspended)' : ''}${s.buried ? ' (buried)' : ''}`,
    `due         ${when(s.due)}`,
    `stability   ${s.stability.toFixed(2)} days`,
    `difficulty  ${s.difficulty.toFixed(2)}`,
    `recall now  ${s.retrievability === null ? '-' : `${(s.retrievability * 100).toFixed(1)}%`}`,
    `reviews     ${s.reps}, lapses ${s.lapses}`,
    '',
  ];
  if (info.history.length === 0) lines.push('No reviews yet.');
  else {
    lines.push(
      table(
        info.history.map((r) => [
          when(r.at),
          r.rating,
          r.kind,
          r.scheduledDays ? `${r.scheduledDays}d` : '<1d',
          r.stability.toFixed(2),
          r.difficulty.toFixed(2),
          r.retrievability === null ? '-' : `${(r.retrievability * 100).toFixed(0)}%`,
          `${(r.durationMs / 1000).toFixed(1)}s`,
        ]),
        ['reviewed', 'rating', 'kind', 'interval', 'stability', 'difficulty', 'recall', 'time'],
      ),
    );
  }
  return lines.join('\n');
}

export function formatImport(summary: ImportSummary): string {
  const count = (name: string, c: ImportSummary['notes']) => `${name.padEnd(8)} ${c.added} added, ${c.updated} updated, ${c.unchanged} unchanged, ${c.skipped} skipped`;
  return [
    `${summary.dryRun ? 'Would import' : 'Imported'} ${summary.file} (${summary.format}) into ${summary.decks.join(', ')}`,
    count('notes', summary.notes),
    count('cards', summary.cards),
    count('reviews', summary.reviews),
    count('media', summary.media),
    ...summary.messages.map((message) => `- ${message}`),
  ].join('\n');
}

export function formatCheck(report: CheckReport): string {
  const mark = (ok: boolean) => (ok ? 'ok' : 'DAMAGED');
  return [
    `snapshot  ${mark(report.snapshot.ok)}  ${report.snapshot.file} (includes ${report.snapshot.covers} journal entries)${report.snapshot.problem ? `: ${report.snapshot.problem}` : ''}`,
    `journal   ${mark(report.journal.ok)}  ${report.journal.file} (${report.journal.entries} entries${report.journal.tornTail ? ', torn last line' : ''})${report.journal.problem ? `: ${report.journal.problem}` : ''}`,
    `cards ${report.cards}, notes ${report.notes}, reviews ${report.reviews}`,
    report.ok ? 'The collection is healthy.' : 'The collection is damaged: see above.',
  ].join('\n');
}

export function formatSearch(rows: { cardId: string; deck: string; question: string }[]): string {
  return rows.length ? table(rows.map((row) => [row.cardId, row.deck, row.question]), ['card', 'deck', 'question']) : 'No cards match.';
}

const pct = (value: number | null) => (value === null ? '-' : `${(value * 100).toFixed(1)}%`);

export function formatStats(stats: AllStats): string {
  const t = stats.today;
  const c = stats.cards;
  const lines = [
    `Today: ${t.cardsStudied} cards, ${t.reviews} reviews, ${Math.round(t.timeMs / 60_000)} min, again ${pct(t.againRate)}`,
    `Cards: ${c.total} (new ${c.new}, learning ${c.learning}, relearning ${c.relearning}, young ${c.young}, mature ${c.mature}, suspended ${c.suspended}, buried ${c.buried})`,
    `Streak: ${stats.heatmap.currentStreak} days (longest ${stats.heatmap.longestStreak}); studied on ${stats.heatmap.studiedDays} of the last 365 days`,
    `Due: ${stats.forecast.overdueReviews} overdue, ${stats.forecast.totalReviews} in the next ${stats.range} days`,
    '',
    `True retention (desired ${pct(stats.retention.desiredRetention)}):`,
    table(
      stats.retention.rows.map((row) => [row.period, `${pct(row.young.rate)} (${row.young.reviews})`, `${pct(row.mature.rate)} (${row.mature.reviews})`, `${pct(row.all.rate)} (${row.all.reviews})`]),
      ['period', 'young', 'mature', 'all'],
    ),
    '',
    'Weakest topics:',
    table(
      stats.topics.topics.slice(0, 10).map((topic) => [topic.topic, String(topic.cards), pct(topic.passRate), pct(topic.meanRetrievability)]),
      ['topic', 'cards', 'pass rate', 'recall now'],
    ),
  ];
  return lines.join('\n');
}

/** The ways back from damage, best first: the command to type, and what it keeps. */
export function formatWaysBack(ways: WayBack[]): string {
  if (ways.length === 0) return 'No way back is known: there is no backup, and the journal cannot rebuild the collection.';
  const width = Math.max(...ways.map((way) => way.command.length));
  return ['Ways back, best first:', ...ways.map((way) => `  ${way.command.padEnd(width)}  ${way.label}`)].join('\n');
}
