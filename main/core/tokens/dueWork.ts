import type { Settings } from '../settings.js';
import type { AccountRecord, TokenRecord } from '../vault/types.js';

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
  /** Renewals that failed: when to try again, or never (gave up). */
  renewRetry: ReadonlyMap<string, { nextAt: number; gaveUp: boolean }>;
}

export interface DueWork {
  alerts: TokenRecord[];
  renewals: TokenRecord[];
  removals: string[];
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
 * - Renewals: active tokens of auto-renew accounts that were not renewed yet, from renewAt() until
 *   expiry (after a failure, not before its backoff time). None after expiry: a replacement nobody
 *   is there to copy serves no one, and the user mints one in a click on return.
 * - Removals: see removeAt().
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
  const work: DueWork = { alerts: [], renewals: [], removals: [], nextAt: null };
  const consider = (at: number): boolean => {
    if (at <= now) return true;
    // Stryker disable next-line EqualityOperator: at === nextAt assigns the same value again
    if (work.nextAt === null || at < work.nextAt) work.nextAt = at;
    return false;
  };

  for (const token of tokens) {
    const live = token.state === 'active' || token.state === 'revoke_failed';
    if (
      alertLeadMs > 0 &&
      live &&
      token.alertedAt === undefined &&
      token.renewedBy === undefined &&
      !state.alerted.has(token.id) &&
      now <= token.expiresAt &&
      consider(token.expiresAt - alertLeadMs)
    ) {
      work.alerts.push(token);
    }

    if (
      token.state === 'active' &&
      token.renewedBy === undefined &&
      autoRenew.has(token.accountId) &&
      !state.renewing.has(token.id) &&
      now < token.expiresAt
    ) {
      const retry = state.renewRetry.get(token.id);
      const at = Math.max(renewAt(token, renewLeadMs), retry?.nextAt ?? 0);
      if (!retry?.gaveUp && at < token.expiresAt && consider(at)) work.renewals.push(token);
    }

    const removal = removeAt(token, retentionMs);
    if (removal !== null && !state.removing.has(token.id) && consider(removal)) work.removals.push(token.id);
  }
  return work;
}
