// One side of a card: untrusted HTML from the service, sanitised here and only here.
import { useMemo } from 'react';
import { sanitize } from '../render/sanitize';

export function CardFace({ html, className, testId, id }: { html: string; className?: string; testId?: string; id?: string }) {
  const clean = useMemo(() => sanitize(html), [html]);
  return <div id={id} className={`card-face ${className ?? ''}`} data-testid={testId} dangerouslySetInnerHTML={{ __html: clean }} />;
}
