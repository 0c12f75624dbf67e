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
    throw new AppError('invalid_input', `${method}: ${path}: ${issue ? issue.message : 'invalid input'}`, { field: path });
  }
  return { method, input: parsed.data as ParsedInput<Method> };
}
