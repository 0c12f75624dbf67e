// One side of a card: untrusted HTML from the service, sanitised here and only here.
import { useMemo, type Ref } from 'react';
import { sanitize } from '../render/sanitize';

export function CardFace({ html, className, testId, id, ref }: { html: string; className?: string; testId?: string; id?: string; ref?: Ref<HTMLDivElement> }) {
  const clean = useMemo(() => sanitize(html), [html]);
  return <div ref={ref} id={id} className={`card-face ${className ?? ''}`} data-testid={testId} dangerouslySetInnerHTML={{ __html: clean }} />;
}
