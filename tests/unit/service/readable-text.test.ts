// Question texts in the browser read as the card does: HTML entities from imported notes decoded, nothing else touched.
import { describe, expect, it } from 'vitest';
import { readableText } from '../../../src/main/service/readable-text';

describe('readable question text', () => {
  it('decodes the named and numeric entities Anki notes carry', () => {
    expect(readableText('c&#x27;est &quot;la vie&quot; &eacute;t&eacute; &#39;x&#39;')).toBe(`c'est "la vie" été 'x'`);
  });

  it('shows escaped markup as the characters it stands for', () => {
    expect(readableText('is x &lt; y &amp;&amp; y &gt; z?')).toBe('is x < y && y > z?');
  });

  it('decodes once: an escaped entity stays an entity, as the card shows it', () => {
    expect(readableText('write &amp;lt; for <')).toBe('write &lt; for <');
  });

  it('leaves a bare ampersand and an entity cut short by the ellipsis as they are', () => {
    expect(readableText('AT&T')).toBe('AT&T');
    expect(readableText('c&#x2…')).toBe('c&#x2…');
  });
});
