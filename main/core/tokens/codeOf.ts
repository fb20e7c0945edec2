import { isAppError } from '../errors.js';

/** The error code a log line or audit entry may carry: never the message, which may hold a secret. */
export function codeOf(e: unknown): string {
  return isAppError(e) ? e.code : 'INTERNAL';
}
