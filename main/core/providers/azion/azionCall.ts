import type { Clock } from '../../clock.js';
import type { HttpClient, HttpRequest, HttpResponse } from '../../http/httpTypes.js';
import { rateLimitResetAt } from '../../http/rateLimitReset.js';
import type { Sleep } from '../../http/sleep.js';

/** How long Token Vault is willing to wait on a 429 by itself before handing the wait to the user. */
export interface RateLimitPolicy {
  /** Retries after a 429 (each only once the server's reset time has passed). */
  maxRetries: number;
  /** A single wait longer than this is not waited: the call fails with RATE_LIMITED and retryAt. */
  maxWaitMs: number;
}

/** Azion's CLI backs off up to 30 s; we wait at most that, twice. */
export const DEFAULT_RATE_LIMIT_POLICY: RateLimitPolicy = { maxRetries: 2, maxWaitMs: 30_000 };

/** Never hammer a server whose reset time is already past (clock skew): wait at least this. */
const MIN_WAIT_MS = 1_000;

export type AzionCall = (req: HttpRequest) => Promise<HttpResponse>;

/**
 * Sends an Azion request, retrying only a 429, only after the time the server named
 * (Retry-After or X-Ratelimit-Reset), and only while that wait is under the cap. Every other status
 * is returned as is: above all 401/403 are never retried, since repeated wrong passwords can lock
 * the account.
 */
export function createAzionCall(deps: { http: HttpClient; clock: Clock; sleep: Sleep; policy: RateLimitPolicy }): AzionCall {
  return async (req) => {
    for (let attempt = 0; ; attempt++) {
      const res = await deps.http.request(req);
      if (res.status !== 429 || attempt >= deps.policy.maxRetries) return res;
      const now = deps.clock.now();
      const resetAt = rateLimitResetAt(res.headers, now);
      if (resetAt === undefined) return res;
      const wait = Math.max(MIN_WAIT_MS, resetAt - now);
      if (wait > deps.policy.maxWaitMs) return res;
      await deps.sleep(wait, req.signal);
    }
  };
}
