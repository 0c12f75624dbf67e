// The notes with a card answered today: a set that grows by one note per answer, each answer's version sharing one table with the version before it.
/**
 * Copying a set of every note seen today at each answer (thousands of notes on a long day) made
 * the queue kept between answers the main source of long-lived garbage in the main process. Each
 * version here is the shared table up to its own size: adding to the newest version appends to the
 * table, and the versions before it still answer as they did, since they read only what came first.
 */
export class NotesSeen implements Iterable<string> {
  private constructor(
    /** Note id -> the place it was added at; shared by every version that grew from one another. */
    private readonly table: Map<string, number>,
    /** How many of the table's notes this version holds (the first `size` added). */
    readonly size: number,
  ) {}

  static of(noteIds: Iterable<string> = []): NotesSeen {
    const table = new Map<string, number>();
    for (const id of noteIds) if (!table.has(id)) table.set(id, table.size);
    return new NotesSeen(table, table.size);
  }

  has(noteId: string): boolean {
    const at = this.table.get(noteId);
    return at !== undefined && at < this.size;
  }

  /** These notes and `noteId`: the same table when this is the newest version (no copy), else a table of its own. */
  with(noteId: string): NotesSeen {
    if (this.has(noteId)) return this;
    const table = this.size === this.table.size ? this.table : new Map([...this].map((id, at) => [id, at]));
    table.set(noteId, table.size);
    return new NotesSeen(table, table.size);
  }

  *[Symbol.iterator](): Iterator<string> {
    for (const [id, at] of this.table) {
      if (at >= this.size) return;
      yield id;
    }
  }
}
