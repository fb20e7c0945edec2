/**
 * Remaining time as a short label: `2d 3h`, `23h 59m`, `4m 05s`, `42s`. The renderer's countdowns
 * and the tray share this style (the table in test/unit/tray/formatRemaining.test.ts is the spec).
 *
 * Every unit is rounded DOWN: a label never promises more time than is left, so "1m" always means
 * at least a minute. Only the two most significant units are shown; the second one is zero-padded
 * (except hours after days) so a ticking countdown keeps its width.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

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
  const d = Math.floor(left / DAY);
  const h = Math.floor((left % DAY) / HOUR);
  const m = Math.floor((left % HOUR) / MINUTE);
  const s = Math.floor((left % MINUTE) / SECOND);
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${pad(m)}m`;
  if (!withSeconds) return m > 0 ? `${m}m` : '<1m';
  if (m > 0) return `${m}m ${pad(s)}s`;
  return `${s}s`;
}

