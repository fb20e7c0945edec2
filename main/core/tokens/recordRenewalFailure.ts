import { DEFAULT_MESSAGES, isAppError } from '../errors.js';
import type { RenewalFailure, TokenRecord } from '../vault/vaultRecords.js';
import { isRetryableRenewal, RENEW_ALERT_AFTER_ATTEMPTS } from './renewBackoff.js';
import { asErrorCode as asCode } from './tokenView.js';
import { codeOf } from './codeOf.js';
import type { TokenRuntime } from './TokenRuntime.js';

export interface RenewalFailureReport {
  /** The token as stored when the renewal failed. */
  token: TokenRecord;
  error: unknown;
  /** Consecutive failures, this one included. */
  attempts: number;
  nextAt: number;
  now: number;
}

/**
 * Never silent: the failure is kept on the token (reason, next attempt) for the window, and the
 * person is alerted (audit entry and event) once per failing episode, once it is more than a blip.
 * A failure that cannot be saved is logged; the scheduler's in-memory retry time still holds.
 */
export async function recordRenewalFailure(runtime: TokenRuntime, failure: RenewalFailureReport): Promise<void> {
  const { token: stored, error: e, attempts, nextAt, now } = failure;
  const tokenId = stored.id;
  const code = codeOf(e);
  const message = runtime.redactor.redact(isAppError(e) ? e.message : DEFAULT_MESSAGES.INTERNAL);

  const due = !stored.renewal?.alertedAt && (attempts >= RENEW_ALERT_AFTER_ATTEMPTS || !isRetryableRenewal(e) || now >= stored.expiresAt);
  const renewal: RenewalFailure = {
    failingSince: stored.renewal?.failingSince ?? now,
    attempts,
    lastError: { code, message },
    nextAttemptAt: nextAt,
  };
  const alertedAt = due ? now : stored.renewal?.alertedAt;
  if (alertedAt !== undefined) renewal.alertedAt = alertedAt;
  const account = runtime.account(stored.accountId);
  try {
    await runtime.vault.update((data) => {
      const t = data.tokens.find((x) => x.id === tokenId);
      if (!t || t.renewedBy !== undefined) return;
      t.renewal = renewal;
      if (due) {
        runtime.audit.appendIn(data, {
          action: 'fail',
          outcome: code,
          ...runtime.describe(t, account),
          detail: `auto-renew failing after ${attempts} attempt${attempts === 1 ? '' : 's'}; next attempt ${new Date(nextAt).toISOString()}`,
        });
      }
    });
  } catch (saveError) {
    // The in-memory retry time still drives the schedule; the window learns of it on the next change.
    runtime.logger.warn('auto-renew failure not saved', { tokenId, code: codeOf(saveError) });
  }
  if (due) {
    runtime.emit({
      type: 'renewal-failing',
      tokenId,
      accountId: stored.accountId,
      accountLabel: account?.label ?? '(removed account)',
      code: asCode(code),
      message,
      nextAttemptAt: nextAt,
      expiresAt: stored.expiresAt,
    });
  }
  runtime.changed();
}
