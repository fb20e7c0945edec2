import { AppError } from '../errors.js';
import type { Logger } from '../log.js';

/** Runs a step of unlocking, logging why it failed (codes and reasons only, never secrets). */
export function unlockStep<T>(logger: Logger, step: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    logUnlockFailure(logger, step, e);
    throw e;
  }
}

/** unlockStep for a step that takes turns of the event loop. */
export async function unlockStepSliced<T>(logger: Logger, step: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    logUnlockFailure(logger, step, e);
    throw e;
  }
}

function logUnlockFailure(logger: Logger, step: string, e: unknown): void {
  const code = e instanceof AppError ? e.code : 'INTERNAL';
  const reason = e instanceof Error && e.cause instanceof Error ? e.cause.message : undefined;
  logger.warn('vault unlock failed', { step, code, reason });
}
