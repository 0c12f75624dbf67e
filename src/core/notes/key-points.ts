// The points of a key-points card: a Markdown list, one item per point a strong answer must cover.

const ITEM = /^(\s{0,3})(?:[-*+]|\d{1,3}[.)])\s+(.*)$/;

/**
 * Splits a Markdown list into its items. Lines indented under an item (continuations, nested
 * lists, code) belong to it. Text before the first item is not a point and is ignored.
 */
export function parseKeyPoints(markdown: string): string[] {
  const points: string[][] = [];
  let inFence = false;
  for (const line of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    const fence = /^\s*(```|~~~)/.test(line);
    const item = inFence ? null : ITEM.exec(line);
    if (item && (item[1] ?? '').length === 0) {
      points.push([item[2] ?? '']);
    } else if (points.length > 0) {
      points[points.length - 1]!.push(line.replace(/^ {1,4}/, ''));
    }
    if (fence) inFence = !inFence;
  }
  return points.map((lines) => lines.join('\n').trim()).filter((point) => point.length > 0);
}
