import { parseServerDate } from './serverDate.js';

/**
 * When a throttled (429) request may be retried, as absolute epoch ms, or undefined when the server
 * did not say. `Retry-After` (delay seconds or an HTTP date) wins; otherwise `X-Ratelimit-Reset`,
 * which Azion sends as an ISO time without a zone (UTC), or sometimes as epoch seconds.
 */
export function rateLimitResetAt(headers: Headers, now: number): number | undefined {
  const retryAfter = headers.get('retry-after')?.trim();
  if (retryAfter) {
    if (/^\d+(\.\d+)?$/.test(retryAfter)) return now + Math.ceil(Number(retryAfter) * 1000);
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date)) return date;
  }
  const reset = headers.get('x-ratelimit-reset')?.trim();
  if (reset) {
    if (/^\d+(\.\d+)?$/.test(reset)) {
      const n = Number(reset);
      // Large numbers are epoch seconds; small ones are seconds to wait.
      return n > 1e9 ? Math.ceil(n * 1000) : now + Math.ceil(n * 1000);
    }
    return parseServerDate(reset);
  }
  return undefined;
}
