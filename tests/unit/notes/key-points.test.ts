// Key points are the items of a Markdown list; continuation lines belong to their item.
import { describe, expect, it } from 'vitest';
import { parseKeyPoints } from '../../../src/core/notes/key-points';

describe('key points', () => {
  it('are the top-level items of the list, whatever the bullet', () => {
    expect(parseKeyPoints('- one\n* two\n1. three\n2) four')).toEqual(['one', 'two', 'three', 'four']);
  });

  it('keep continuation lines, nested lists and code with their item', () => {
    const points = parseKeyPoints('- first\n  more of first\n  - nested\n- second\n  ```python\n  - not an item\n  ```');
    expect(points).toEqual(['first\nmore of first\n- nested', 'second\n```python\n- not an item\n```']);
  });

  it('ignore text before the list', () => {
    expect(parseKeyPoints('Intro text\n\n- a\n- b')).toEqual(['a', 'b']);
  });
});
