/**
 * Pure formatting for times, durations and sizes. No state, no DOM: unit-tested in isolation and
 * cheap enough to run for a thousand rows on every clock tick.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * A countdown in the two largest units: `2d 3h`, `23h 59m`, `4m 05s`, `42s`. Floors, so a freshly
 * minted 24 h token reads `23h 59m`. One implementation, shared with the tray and notifications.
 */
import { formatRemaining } from '../../../preload/contract';

export { formatRemaining };

/** The same duration in words, for screen readers and tooltips: "2 days 3 hours". */
export function formatRemainingLong(ms: number): string {
  if (!(ms > 0)) return '0 seconds';
  const total = Math.floor(ms / SECOND);
  const parts: Array<[number, string]> = [
    [Math.floor(total / 86_400), 'day'],
    [Math.floor((total % 86_400) / 3600), 'hour'],
    [Math.floor((total % 3600) / 60), 'minute'],
    [total % 60, 'second'],
  ];
  const first = parts.findIndex(([n]) => n > 0);
  return parts
    .slice(first, first + 2)
    .filter(([n]) => n > 0)
    .map(([n, unit]) => `${n} ${unit}${n === 1 ? '' : 's'}`)
    .join(' ');
}

/** How long ago, coarse: "just now", "5m ago", "3h ago", "2d ago". */
export function formatAgo(ms: number): string {
  if (ms < MINUTE) return 'just now';
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)}m ago`;
  if (ms < DAY) return `${Math.floor(ms / HOUR)}h ago`;
  return `${Math.floor(ms / DAY)}d ago`;
}

/**
 * Fraction of a token's life still ahead, in [0, 1], rounded to 1/200 so a long-lived token's bar
 * only changes when a change is visible (the bar is ~120 px wide): most ticks then write nothing.
 */
export function lifeLeft(createdAt: number, expiresAt: number, now: number): number {
  const span = expiresAt - createdAt;
  if (span <= 0 || now >= expiresAt) return 0;
  if (now <= createdAt) return 1;
  return Math.ceil(((expiresAt - now) / span) * 200) / 200;
}

/** "Copied — clears in 30s" / "Copied" (never cleared) / "Clipboard cleared". */
export function clipboardText(clearsAt: number | null, now: number): string {
  if (clearsAt === null) return 'Copied — not cleared automatically';
  const left = clearsAt - now;
  if (left <= 0) return 'Clipboard cleared';
  return `Copied — clears in ${formatRemaining(left + SECOND - 1)}`;
}

/** "try again in 2m 05s" or "try again now" for a rate limit's retryAt. */
export function retryText(retryAt: number, now: number): string {
  const left = retryAt - now;
  return left > 0 ? `try again in ${formatRemaining(left + SECOND - 1)}` : 'you can try again now';
}

const dateTime = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

const dateTimeSeconds = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

// Intl formatting costs tens of microseconds a call; rows drawn again and again while scrolling ask
// for the same few instants. A small cache, emptied when full.
const formatted = new Map<number, string>();

/** A local date and time for lists and tooltips. */
export function formatDateTime(epochMs: number): string {
  let text = formatted.get(epochMs);
  if (text === undefined) {
    if (formatted.size >= 4096) formatted.clear();
    text = dateTime.format(epochMs);
    formatted.set(epochMs, text);
  }
  return text;
}

/** The same with seconds, where the order of events matters (the audit trail). */
export function formatDateTimeSeconds(epochMs: number): string {
  return dateTimeSeconds.format(epochMs);
}

/** "1.2 MB", "640 KB", "512 B". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** A value for <input type="date"> (local calendar day). */
export function toDateInput(epochMs: number): string {
  const d = new Date(epochMs);
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
}

/** A value for <input type="datetime-local"> (local time, minutes). */
export function toDateTimeInput(epochMs: number): string {
  const d = new Date(epochMs);
  return `${toDateInput(epochMs)}T${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

/** Shortens a long hex string for display: 0x1234…abcd. */
export function shortHex(hex: string, keep = 6): string {
  return hex.length <= keep * 2 + 3 ? hex : `${hex.slice(0, keep)}…${hex.slice(-4)}`;
}

/** The host of a URL for prose ("api.example.com"), or the text itself if it is not a URL. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

/**
 * The part of a preview that tells tokens apart. JWTs (Ocean tokens) all begin `eyJh` — the encoded
 * `{"alg"` of their header — so for them only the tail, from the signature, is shown.
 */
export function distinctPreview(preview: string): string {
  const cut = preview.indexOf('…');
  return preview.startsWith('eyJ') && cut >= 0 ? preview.slice(cut) : preview;
}
