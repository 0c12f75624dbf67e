// The page's own CSP and the one the shell and browser mode send are one policy (Electronegativity reads only the page's).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src/main/web/security-headers';

const directives = (policy: string) =>
  policy
    .split(';')
    .map((directive) => directive.trim().replace(/\s+/g, ' '))
    .filter(Boolean)
    .sort();

describe('the Content-Security-Policy', () => {
  it('in index.html is the one sent with every response, but frame-ancestors, which a meta element cannot carry', () => {
    const page = readFileSync(join(import.meta.dirname, '../../src/renderer/index.html'), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(page);
    expect(meta, 'index.html has a CSP meta element').not.toBeNull();
    const sent = directives(CONTENT_SECURITY_POLICY).filter((directive) => !directive.startsWith('frame-ancestors'));
    expect(directives(meta![1]!)).toEqual(sent);
  });
});
