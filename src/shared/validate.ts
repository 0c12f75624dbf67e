// The single validation step every transport runs before a payload reaches the service.
import { contract, isMethod, type Method, type ParsedInput } from './contract';
import { AppError } from './errors';

/** Checks the method name and its input; throws `invalid_input` naming the offending field. */
export function validateCall(method: unknown, input: unknown): { method: Method; input: ParsedInput<Method> } {
  if (!isMethod(method)) {
    throw new AppError('invalid_input', `Unknown method ${JSON.stringify(String(method)).slice(0, 80)}`);
  }
  const parsed = contract[method].safeParse(input ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue && issue.path.length ? issue.path.join('.') : '(input)';
    throw new AppError('invalid_input', `${method}: ${path}: ${issue ? issue.message : 'invalid input'}`, { field: path, method });
  }
  return { method, input: parsed.data as ParsedInput<Method> };
}

/**
 * What a window may not ask for: naming a file on disk to read or write. Windows show untrusted card
 * content, so a path from one is never trusted; files come to them through the app's own dialog (a
 * token), a drop or a picker (the bytes), and exports leave as downloads.
 */
export function validateWindowCall(method: unknown, input: unknown): { method: Method; input: ParsedInput<Method> } {
  const call = validateCall(method, input);
  const named = call.method === 'importFile' || call.method === 'exportTo' || (call.method === 'startImport' && (call.input as { path?: string }).path !== undefined);
  if (named) {
    throw new AppError('forbidden', `${call.method}: a window cannot name a file on disk; choose it with File ▸ Import…, drop it on the window, or use the CLI.`, { field: 'path', method: call.method });
  }
  return call;
}
