import { AppError } from '../errors.js';

/** An expiry the window asks for must be a time in the future (none: the provider's default). */
export function checkExpiry(expiresAt: number | undefined, now: number): void {
  if (expiresAt === undefined) return;
  if (!Number.isFinite(expiresAt) || expiresAt <= now) {
    throw new AppError('BAD_ARGUMENT', 'The expiry must be a time in the future. Pick a later date.');
  }
}
