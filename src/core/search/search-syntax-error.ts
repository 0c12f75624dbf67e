// The error a malformed search throws: what is wrong, and where in the query it is.

export class SearchSyntaxError extends Error {
  override readonly name = 'SearchSyntaxError';

  /**
   * @param problem what is wrong, without the position: the message adds it as Anki users expect.
   * @param position offset in the query (UTF-16 units) of the first character at fault.
   * @param length how many characters are at fault (at least 1), for underlining.
   * @param hint extra words after the position, such as the values that would have been accepted.
   */
  constructor(
    readonly problem: string,
    readonly position: number,
    readonly length: number,
    hint?: string,
  ) {
    super(`${problem} at ${position}${hint ? ` (${hint})` : ''}`);
  }
}
