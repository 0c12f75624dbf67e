// The error a promise is refused with, checked to be of the expected kind.
import { expect } from 'vitest';
import { AppError } from '../../src/shared/errors';

export async function refusal<E extends Error = AppError>(promise: Promise<unknown>, kind: abstract new (...args: never[]) => E = AppError as never): Promise<E> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(kind);
  return error as E;
}
