// Counts the cases of one kind of problem and keeps the first few, so a hostile file cannot flood the report.
const SHOWN = 10;

export class ProblemExamples {
  count = 0;
  private readonly shown: string[] = [];

  add(example: string): void {
    this.count++;
    if (this.shown.length < SHOWN) this.shown.push(example);
  }

  toString(): string {
    const more = this.count - this.shown.length;
    return more > 0 ? `${this.shown.join(', ')}, and ${more} more` : this.shown.join(', ');
  }
}
