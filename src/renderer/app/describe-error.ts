// Any error as a plain sentence for people: the field's own name first, no method names, one balanced place note.
import { AppError, type Where } from '../../shared/errors';
import { fieldLabel } from './field-names';

/** zod's wording of the common checks, as a person would say it after the field's name. */
const PHRASES: [RegExp, (value: string) => string][] = [
  [/^Too small: expected number to be >=(\S+)$/, (n) => `must be at least ${n}`],
  [/^Too small: expected number to be >(\S+)$/, (n) => `must be more than ${n}`],
  [/^Too big: expected number to be <=(\S+)$/, (n) => `must be at most ${n}`],
  [/^Too big: expected number to be <(\S+)$/, (n) => `must be less than ${n}`],
  [/^Too small: expected string to have >=1 characters?$/, () => 'cannot be empty'],
  [/^Too small: expected string to have >=(\d+) characters$/, (n) => `needs at least ${n} characters`],
  [/^Too big: expected string to have <=(\d+) characters$/, (n) => `can have at most ${n} characters`],
  [/^Too small: expected array to have >=(\d+) items?$/, (n) => `needs at least ${n}`],
  [/^Too big: expected array to have <=(\d+) items$/, (n) => `can have at most ${n}`],
  [/^Invalid input: expected int, received .+$/, () => 'must be a whole number'],
  [/^Invalid input: expected number, received .+$/, () => 'must be a number'],
  [/^Invalid input: expected string, received .+$/, () => 'must be text'],
  [/^Invalid input: expected boolean, received .+$/, () => 'must be on or off'],
  [/^Invalid option: expected one of (.+)$/, (list) => `must be one of ${list.split('|').join(', ')}`],
];

function plainPhrase(message: string): string {
  for (const [pattern, say] of PHRASES) {
    const match = pattern.exec(message);
    if (match) return say(match[1] ?? '');
  }
  return message;
}

/** The contract's validation says `savePreset: learningSteps.0: …`: the method name means nothing to a person. */
function withoutMethod(message: string, method?: string): string {
  return method !== undefined && message.startsWith(`${method}: `) ? message.slice(method.length + 2) : message;
}

/** Line and column, unless the message already says where (search errors say "at 6", import errors name the file). */
function place(where: Where, message: string): string {
  const parts: string[] = [];
  if (where.file && !message.includes(where.file.split(/[\\/]/).pop()!)) parts.push(where.file);
  if (where.line !== undefined && !/\bline \d/.test(message)) parts.push(`line ${where.line}`);
  if (where.column !== undefined && !/\b(at|column) \d/.test(message)) parts.push(`column ${where.column}`);
  return parts.join(', ');
}

/** A capital at the start and a full stop at the end, as every other sentence on screen has; a file name stays as it is. */
function sentence(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) return 'Something went wrong.';
  const capital = /^[a-z]+(?![\w.\\/-])/.test(trimmed) ? trimmed.charAt(0).toUpperCase() + trimmed.slice(1) : trimmed;
  return /[.!?…]$/.test(capital) ? capital : `${capital}.`;
}

/** "Too small" after a label reads "Desired retention: too small"; "SQLite" keeps its capitals. */
function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

export function describeError(error: unknown): string {
  if (!(error instanceof AppError)) return sentence(error instanceof Error ? error.message : String(error));
  const where = error.where ?? {};
  let message = withoutMethod(error.message, where.method);
  // A message that starts with the field's path is about that field alone: its name leads instead.
  let aboutField = false;
  if (where.field && message.startsWith(`${where.field}: `)) {
    message = plainPhrase(message.slice(where.field.length + 2));
    aboutField = true;
  }
  const label = where.field ? fieldLabel(where.field) : null;
  // Service sentences that start with a capital already say what they mean ("No deck with id …").
  if (label && (aboutField || /^[a-z]/.test(message)) && !message.startsWith(`${label}:`)) message = `${label}: ${lowerFirst(message)}`;
  const at = place(where, message);
  return sentence(at ? `${message} (${at})` : message);
}
