import { AppError } from '../../main/core/errors.js';

/** The AppError a synchronous call throws; fails the test when it returns or throws anything else. */
export function thrownAppError(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw new Error(`expected an AppError, got ${String(e)}`);
  }
  throw new Error('expected a throw');
}

/** The AppError a promise rejects with; fails the test on a value or on anything else (a raw TypeError). */
export async function rejectedAppError(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw new Error(`expected an AppError, got ${String(e)}`);
  }
  throw new Error('expected a rejection, got a value');
}
