import type { Settings } from '../../../preload/settings.js';
import { cleanupBackoffMs } from './cleanupQueue.js';
import type { AccountRecord, TokenRecord } from '../vault/vaultRecords.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** In-memory schedule state that the vault does not hold. */
export interface ScheduleState {
  /** Alerts raised this session whose alertedAt may not be persisted yet. */
  alerted: ReadonlySet<string>;
  /** Renewals in flight. */
  renewing: ReadonlySet<string>;
  /** Removals in flight. */
  removing: ReadonlySet<string>;
  /** Renewals that failed this session: when to try again (the vault's token.renewal may not be saved yet). */
  renewRetry: ReadonlyMap<string, { nextAt: number }>;
}

export interface DueWork {
  alerts: TokenRecord[];
  renewals: TokenRecord[];
  removals: string[];
  /** Failed revokes to try again (a revoke the person asked for is retried until confirmed or expired). */
  revokeRetries: string[];
  /** The nearest future time anything becomes due, or null. */
  nextAt: number | null;
}

/**
 * When auto-renew should replace a token: `renewLead` before expiry, but never in the first half of
 * its life, so a lead longer than the lifetime cannot turn into a mint loop.
 */
export function renewAt(token: TokenRecord, renewLeadMs: number): number {
  const lifetime = token.expiresAt - token.createdAt;
  return Math.max(token.expiresAt - renewLeadMs, token.createdAt + lifetime / 2);
}

/** When a dead token leaves the list: `retention` after it expired or was revoked, whichever is first. */
export function removeAt(token: TokenRecord, retentionMs: number): number | null {
  if (token.state === 'revoking') return null;
  // Expired means now > expiresAt, hence the +1.
  const expiredAt = token.expiresAt + 1;
  const deadAt = token.state === 'revoked' && token.revokedAt !== undefined ? Math.min(token.revokedAt, expiredAt) : expiredAt;
  return deadAt + retentionMs;
}

/**
 * What is due at `now` and when to look next. Pure: every decision is made from absolute times and
 * `now`, so a sleep or a clock jump changes nothing but which items are due.
 *
 * - Alerts: once per token at `alertLead` before expiry, while it is live and not yet replaced by
 *   auto-renew. A lead of 0 turns alerts off. A token that expired unseen (asleep) gets no alert.
 *   None for a token auto-renew is going to replace: with the default leads (alert 15 min, renew
 *   10 min) every renewal would otherwise notify 5 minutes before it happened, dozens of times a
 *   day (the soak counted 42); a renewal that fails raises its own alert (renewal-failing).
 * - Renewals: active tokens of auto-renew accounts that were not renewed yet, from renewAt() on
 *   (after a failure, not before its next attempt). Also after expiry, for as long as auto-renew is
 *   on: scripts rely on the account having a live token, so a renewal never just stops. Past expiry
 *   only the account's newest unrenewed token is renewed, and only while the account has no other
 *   live token, so old tokens cannot each spawn a fresh one.
 * - Removals: see removeAt(). The token a pending renewal hangs on stays (it carries the failing
 *   state the window shows) until it is renewed or auto-renew is turned off.
 */
export function dueWork(
  tokens: readonly TokenRecord[],
  accounts: readonly AccountRecord[],
  settings: Pick<Settings, 'alertLeadMinutes' | 'renewLeadMinutes' | 'expiredRetentionHours'>,
  state: ScheduleState,
  now: number,
): DueWork {
  const alertLeadMs = settings.alertLeadMinutes * MINUTE;
  const renewLeadMs = settings.renewLeadMinutes * MINUTE;
  const retentionMs = settings.expiredRetentionHours * HOUR;
  const autoRenew = new Set(accounts.filter((a) => a.autoRenew).map((a) => a.id));
  const work: DueWork = { alerts: [], renewals: [], removals: [], revokeRetries: [], nextAt: null };
  const consider = (at: number): boolean => {
    if (at <= now) return true;
    // Stryker disable next-line EqualityOperator: at === nextAt assigns the same value again
    if (work.nextAt === null || at < work.nextAt) work.nextAt = at;
    return false;
  };

  const anchors = renewalAnchors(tokens, autoRenew, now);

  for (const token of tokens) {
    const live = token.state === 'active' || token.state === 'revoke_failed';
    if (
      alertLeadMs > 0 &&
      live &&
      token.alertedAt === undefined &&
      token.renewedBy === undefined &&
      !isRenewable(token, autoRenew) &&
      !state.alerted.has(token.id) &&
      now <= token.expiresAt &&
      consider(token.expiresAt - alertLeadMs)
    ) {
      work.alerts.push(token);
    }

    if (isRenewable(token, autoRenew) && !state.renewing.has(token.id) && (now < token.expiresAt || anchors.has(token.id))) {
      const nextAttempt = state.renewRetry.get(token.id)?.nextAt ?? token.renewal?.nextAttemptAt ?? 0;
      const at = Math.max(renewAt(token, renewLeadMs), nextAttempt);
      if (consider(at)) work.renewals.push(token);
    }

    // Past expiry too: that retry marks it revoked-by-expiry, and it leaves the queue.
    if (token.state === 'revoke_failed' && token.failure && !state.removing.has(token.id)) {
      const at = Math.min(token.failure.at + cleanupBackoffMs(token.failure.attempts ?? 1), token.expiresAt + 1);
      if (consider(at)) work.revokeRetries.push(token.id);
    }

    if (anchors.has(token.id)) continue;
    const removal = removeAt(token, retentionMs);
    if (removal !== null && !state.removing.has(token.id) && consider(removal)) work.removals.push(token.id);
  }
  return work;
}

function isRenewable(token: TokenRecord, autoRenew: ReadonlySet<string>): boolean {
  return token.state === 'active' && token.renewedBy === undefined && autoRenew.has(token.accountId);
}

/** Per auto-renew account without a live token: its newest expired, unrenewed token (see dueWork). */
function renewalAnchors(tokens: readonly TokenRecord[], autoRenew: ReadonlySet<string>, now: number): Set<string> {
  const covered = new Set<string>();
  const newest = new Map<string, TokenRecord>();
  for (const t of tokens) {
    if (!autoRenew.has(t.accountId)) continue;
    if (t.state === 'active' && now < t.expiresAt) covered.add(t.accountId);
    else if (isRenewable(t, autoRenew)) {
      const best = newest.get(t.accountId);
      if (!best || t.expiresAt > best.expiresAt) newest.set(t.accountId, t);
    }
  }
  const anchors = new Set<string>();
  for (const [accountId, t] of newest) if (!covered.has(accountId)) anchors.add(t.id);
  return anchors;
}
