import { isAppError } from '../errors.js';

export const RENEW_BACKOFF_BASE_MS = 30_000;
export const RENEW_BACKOFF_CAP_MS = 10 * 60_000;
/**
 * A failure a retry cannot fix (bad credentials, a refused signature) is tried again this rarely:
 * often enough that a fixed account recovers on its own, rarely enough never to lock an account out.
 */
export const RENEW_FATAL_RETRY_MS = 6 * 60 * 60_000;
/** Consecutive failures before the person is alerted (one flaky call is not worth a notification). */
export const RENEW_ALERT_AFTER_ATTEMPTS = 3;

/** Bounded exponential backoff: 30 s, 1 min, 2 min … capped at 10 min. */
export function renewBackoffMs(attempt: number): number {
  return Math.min(RENEW_BACKOFF_CAP_MS, RENEW_BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
}

/** Whether another try may fix the failure; anything that is not an AppError might. */
export function isRetryableRenewal(e: unknown): boolean {
  return isAppError(e) ? e.retryable : true;
}

/**
 * When the renewal that failed `attempts` times in a row is tried next: the backoff, or rarely for
 * what a retry cannot fix (bad credentials could lock the account out), never before the server's
 * own retry time.
 */
export function nextRenewalAt(now: number, attempts: number, e: unknown): number {
  const retryAt = isAppError(e) ? (e.retryAt ?? 0) : 0;
  return Math.max(now + (isRetryableRenewal(e) ? renewBackoffMs(attempts) : RENEW_FATAL_RETRY_MS), retryAt);
}
