/** Pure time-to-text rules shared by main (tray, notifications) and the renderer, so they agree. */
import type { TokenState, TokenView } from './views.js';

/** The state to show at `now`: stored lifecycle first, then time. Shared by main (tray) and renderer. */
export function displayState(
  view: Pick<TokenView, 'state' | 'expiresAt'>,
  now: number,
  alertLeadMs: number,
): TokenState {
  if (view.state === 'revoked' || view.state === 'revoking') return view.state;
  if (now > view.expiresAt) return 'expired';
  if (view.state === 'revoke_failed') return 'revoke_failed';
  return view.expiresAt - now <= alertLeadMs ? 'expiring' : 'active';
}

/**
 * The one "is this token live" rule, for core, the tray and the renderer alike: not revoked, and its
 * expiry not passed (a token is live through its last millisecond, as displayState says). A token
 * being revoked still counts: it is live until the server confirms.
 */
export function isLiveToken(token: { state: string; expiresAt: number }, now: number): boolean {
  return token.state !== 'revoked' && now <= token.expiresAt;
}

/** A token in this state can still be copied, revealed and used (a failed revoke left it live). */
export function isUsable(state: TokenState): boolean {
  return state === 'active' || state === 'expiring' || state === 'revoke_failed';
}

/**
 * Remaining time as a short label: `2d 3h`, `23h 59m`, `4m 05s`, `42s`. The renderer's countdowns,
 * the tray and notifications all use this one function (test/unit/preload/timeText.test.ts is the spec).
 *
 * Every unit is rounded DOWN: a label never promises more time than is left, so "1m" always means
 * at least a minute. Only the two most significant units are shown; the second one is zero-padded
 * (except hours after days) so a ticking countdown keeps its width.
 */

const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export interface FormatRemainingOptions {
  /**
   * false: stop at minutes (`4m`, and `<1m` for the last minute). The tray uses this so its menu
   * changes at most once a minute; the renderer keeps seconds.
   */
  seconds?: boolean;
}

const pad = (n: number): string => String(n).padStart(2, '0');

export function formatRemaining(ms: number, options: FormatRemainingOptions = {}): string {
  const withSeconds = options.seconds ?? true;
  const left = Number.isFinite(ms) ? Math.max(0, ms) : 0;
  const d = Math.floor(left / DAY_MS);
  const h = Math.floor((left % DAY_MS) / HOUR_MS);
  const m = Math.floor((left % HOUR_MS) / MINUTE_MS);
  const s = Math.floor((left % MINUTE_MS) / SECOND_MS);
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${pad(m)}m`;
  if (!withSeconds) return m > 0 ? `${m}m` : '<1m';
  if (m > 0) return `${m}m ${pad(s)}s`;
  return `${s}s`;
}
