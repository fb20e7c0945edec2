import type { ProviderKind, TokenState, TokenView } from '../../../preload/contract';

/**
 * Token states by time, for 10,000 tokens without a pass over them each second: built once per
 * list (expiry times sorted), then how many tokens are in each state at `now`, and when the next one
 * changes, are binary searches. Follows displayState (preload/timeText.ts): revoked and revoking are
 * fixed; anything else is expired once now > expiresAt; a failed revoke stays "revoke failed" until
 * then; the rest is "expiring" within the alert lead and "active" before it.
 */
interface Part {
  /** Expiry times of tokens stored active (or expiring), ascending. */
  plain: Float64Array;
  /** Expiry times of tokens whose revoke failed, ascending. */
  failed: Float64Array;
  revoked: number;
  revoking: number;
}

export type StateCounts = Record<TokenState, number>;

/** How many of `sorted` are < x. */
function below(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many of `sorted` are <= x. */
function atOrBelow(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function part(list: readonly TokenView[]): Part {
  const plain: number[] = [];
  const failed: number[] = [];
  let revoked = 0;
  let revoking = 0;
  for (const t of list) {
    if (t.state === 'revoked') revoked++;
    else if (t.state === 'revoking') revoking++;
    else if (t.state === 'revoke_failed') failed.push(t.expiresAt);
    else plain.push(t.expiresAt);
  }
  return { plain: Float64Array.from(plain).sort(), failed: Float64Array.from(failed).sort(), revoked, revoking };
}

export class StateIndex {
  readonly #parts: Record<'all' | ProviderKind, Part>;

  constructor(list: readonly TokenView[]) {
    this.#parts = {
      all: part(list),
      azion: part(list.filter((t) => t.provider === 'azion')),
      ocean: part(list.filter((t) => t.provider === 'ocean')),
    };
  }

  counts(provider: 'all' | ProviderKind, now: number, leadMs: number): StateCounts {
    const p = this.#parts[provider];
    const expiredPlain = below(p.plain, now);
    const expiringPlain = atOrBelow(p.plain, now + leadMs) - expiredPlain;
    const expiredFailed = below(p.failed, now);
    return {
      active: p.plain.length - expiredPlain - expiringPlain,
      expiring: expiringPlain,
      expired: expiredPlain + expiredFailed,
      revoking: p.revoking,
      revoked: p.revoked,
      revoke_failed: p.failed.length - expiredFailed,
    };
  }

  /** The first instant after `now` at which some state changes by time (lead 0: expiries only). */
  nextChange(now: number, leadMs: number): number {
    const p = this.#parts.all;
    let next = Infinity;
    // The first expiry not yet passed (now > expiresAt turns it expired at expiresAt + 1).
    for (const sorted of [p.plain, p.failed]) {
      const i = below(sorted, now);
      if (i < sorted.length) next = Math.min(next, sorted[i]! + 1);
    }
    if (leadMs > 0) {
      // The first plain token not yet within its lead: expiring at expiresAt - lead.
      const i = atOrBelow(p.plain, now + leadMs);
      if (i < p.plain.length) next = Math.min(next, p.plain[i]! - leadMs);
    }
    return next;
  }
}
