// The command line's words: options anywhere, the command, and its arguments, where a search query may begin with "-".
import { parseArgs } from 'node:util';

/** Every option the command knows, and whether it takes a value. */
export const OPTIONS = {
  data: { type: 'string' },
  json: { type: 'boolean', default: false },
  now: { type: 'string' },
  deck: { type: 'string', multiple: true },
  limit: { type: 'string' },
  duration: { type: 'string' },
  'dry-run': { type: 'boolean', default: false },
  existing: { type: 'string' },
  format: { type: 'string' },
  preset: { type: 'string' },
  apply: { type: 'boolean', default: false },
  name: { type: 'string' },
  date: { type: 'string' },
  tag: { type: 'string', multiple: true },
  minutes: { type: 'string' },
  target: { type: 'string' },
  buffer: { type: 'string' },
  plan: { type: 'string' },
  days: { type: 'string' },
  'take-over-lock': { type: 'boolean', default: false },
  'media-file-limit': { type: 'string' },
  'media-limit': { type: 'string' },
  'collection-limit': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** A word on the command line that is not what the command takes: bad input, said with a usage line. */
export class UsageError extends Error {}

/** Commands whose arguments are free text, so a word like `-is:new` (Anki's negation) is theirs, not an option. */
const FREE_TEXT = new Set(['search']);

function takesValue(name: string): boolean {
  const option = (OPTIONS as Record<string, { type: string }>)[name];
  return option?.type === 'string';
}

function isKnownOption(word: string): boolean {
  if (word === '-h') return true;
  if (!word.startsWith('--')) return false;
  const name = word.slice(2).split('=')[0]!;
  return name in OPTIONS;
}

/**
 * Moves the free-text words of `search` behind a `--`, so that the parser takes them as they are:
 * any word after the command that is not one of our options (with its value) belongs to the query.
 * Words after a `--` of the learner's own are the query's too.
 */
function protectFreeText(argv: string[]): string[] {
  const options: string[] = [];
  const words: string[] = [];
  let command: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === '--') {
      words.push(...argv.slice(i + 1));
      break;
    }
    if (isKnownOption(word)) {
      options.push(word);
      if (!word.includes('=') && takesValue(word.slice(2)) && i + 1 < argv.length) options.push(argv[++i]!);
    } else if (command === null) {
      if (word.startsWith('-')) options.push(word); // before the command, an unknown option: the parser refuses it
      else command = word;
    } else if (FREE_TEXT.has(command) || !word.startsWith('-')) {
      words.push(word);
    } else {
      options.push(word); // a command that takes no free text: the parser refuses it
    }
  }
  if (command === null) return argv;
  return [...options, command, '--', ...words];
}

export function parseCommandLine(argv: string[]) {
  try {
    return parseArgs({ args: protectFreeText(argv), options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (!code.startsWith('ERR_PARSE_ARGS')) throw error;
    const unknown = /Unknown option '([^']+)'/.exec((error as Error).message)?.[1];
    if (unknown) throw new UsageError(`unknown option ${unknown}`);
    const missing = /Option '([^' ]+)[^']*' argument missing/.exec((error as Error).message)?.[1];
    if (missing) throw new UsageError(`${missing} needs a value`);
    throw new UsageError((error as Error).message);
  }
}
