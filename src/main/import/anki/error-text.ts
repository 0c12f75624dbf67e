// The message of anything a parser threw, worded for a person reading an import report.
export function errorText(error: unknown): string {
  if (error instanceof RangeError && /call stack/i.test(error.message)) return 'its structure is nested too deeply to read';
  return error instanceof Error ? error.message : String(error);
}
