// Times the hostile inputs the tests feed the parsers and the renderer: the tests bound their work, this says how long it takes.
import { performance } from 'node:perf_hooks';
import { renderAnkiCard, type AnkiNoteTypeLike } from '../src/core/render/anki-template';
import { parseSearch } from '../src/core/search/parse-search';
import { containsMatcher, wholeMatcher } from '../src/core/search/wildcard';
import { HOSTILE_GLOBS, HOSTILE_QUERIES, HOSTILE_TEMPLATES, HOSTILE_TEXT_FILES } from '../tests/fixtures/hostile-inputs';

function timed(run: () => unknown): number {
  const t0 = performance.now();
  try {
    run();
  } catch {
    // A refusal (a syntax error, an import error) is a result like any other: its time counts.
  }
  return performance.now() - t0;
}

/** The slowest of each family, in milliseconds. */
export function measureHostile(): Record<string, number> {
  const slowest = (times: number[]) => Math.max(...times);
  return {
    hostileQueryMaxMs: slowest(HOSTILE_QUERIES.map((query) => timed(() => parseSearch(query)))),
    hostileGlobMs: timed(() => {
      wholeMatcher(HOSTILE_GLOBS.whole)(HOSTILE_GLOBS.text);
      containsMatcher(HOSTILE_GLOBS.contains)(HOSTILE_GLOBS.text);
    }),
    hostileTemplateMaxMs: slowest(
      HOSTILE_TEMPLATES.map(([, template, field]) => {
        const noteType: AnkiNoteTypeLike = { name: 'N', kind: 'normal', fields: ['Front'], templates: [{ name: 'C', front: template, back: '{{FrontSide}}' }] };
        return timed(() => renderAnkiCard({ noteType, fields: { Front: field }, ord: 1, tags: [], deckName: 'D' }));
      }),
    ),
    hostileTextFileMaxMs: slowest(HOSTILE_TEXT_FILES.map(([, run]) => timed(run))),
  };
}
