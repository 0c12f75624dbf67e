// Text a cache keeps for long: one flat copy instead of the rope of pieces it was built from.
/**
 * V8 builds a string joined piece by piece (KaTeX's output, a template around it) as a tree of
 * pieces: a drawn formula of 4 KB is held as hundreds of nodes of 32 bytes each plus the pieces.
 * Taking a slice of a string forces it flat, so what a cache keeps is the characters and a small
 * view of them; the tree becomes garbage at once. The text is the same.
 */
export function keptText(text: string): string {
  return (` ${text}`).slice(1);
}
