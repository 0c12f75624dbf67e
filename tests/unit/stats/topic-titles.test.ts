// The built-in topics' names come from the syllabus tables: the one list the deck tests also check.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { topicTitles } from '../../../src/core/stats/topic-titles';

describe('topic titles', () => {
  it('are read from the rows that start with a topic or round tag, other rows ignored', () => {
    const titles = topicTitles('| `round::ml-modeling` | ML and modeling | x |\n| `topic::bias-variance` | Bias-variance trade-off | `round::ml-modeling` | … |\n| `level::core` | Core | x |\n');
    expect([...titles]).toEqual([
      ['round::ml-modeling', 'ML and modeling'],
      ['topic::bias-variance', 'Bias-variance trade-off'],
    ]);
  });

  it('name every topic of the real syllabus', () => {
    const syllabus = readFileSync(join(import.meta.dirname, '../../../docs/syllabus.md'), 'utf8');
    const titles = topicTitles(syllabus);
    expect(titles.size).toBe((syllabus.match(/^\| `(topic|round)::/gm) ?? []).length);
    expect(titles.get('topic::learning-setup-erm')).toBe('Learning setup and empirical risk minimization');
  });
});
