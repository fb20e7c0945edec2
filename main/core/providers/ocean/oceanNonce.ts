import { AppError } from '../../errors.js';
import type { HttpClient, HttpResponse } from '../../http/httpTypes.js';
import { providerRequest } from '../providerRequest.js';

const DECIMAL = /^(\d+)(?:\.(\d*))?(?:[eE]([+-]?\d{1,3}))?$/;

/**
 * floor() of a non-negative decimal string as a BigInt: "2" → 2n, "1700000000000.5" → 1700000000000n,
 * "1.5e3" → 1500n. BigInt because stored nonces may exceed 2^53, where Number loses digits.
 */
export function floorDecimal(text: string): bigint | undefined {
  const m = DECIMAL.exec(text.trim());
  if (!m) return undefined;
  const [, int = '', frac = '', exp = '0'] = m;
  const digits = int + frac;
  const point = int.length + Number(exp);
  if (point <= 0) return 0n;
  if (point >= digits.length) return BigInt(digits) * 10n ** BigInt(point - digits.length);
  return BigInt(digits.slice(0, point));
}

/**
 * The stored nonce from a `{"nonce": …}` body, floored. The value may be a JSON string or number;
 * a number is read from the raw text, since JSON.parse would round one above 2^53.
 */
export function parseNonceBody(text: string): bigint | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
    // Stryker disable next-line BlockStatement: equivalent, body stays undefined and the next check returns undefined too
  } catch {
    return undefined;
  }
  if (typeof body !== 'object' || body === null || !('nonce' in body)) return undefined;
  const value = (body as { nonce: unknown }).nonce;
  if (typeof value === 'string') return floorDecimal(value);
  // A number, read from the raw text: the first `"nonce": <number>` there must be the value JSON.parse
  // kept, not a nested or earlier duplicate key (Number() rounds above 2^53 as JSON.parse did). No
  // match is Number(undefined), NaN, and a null, boolean or object value equals no number either.
  const raw = /"nonce"\s*:\s*([0-9.eE+-]+)/.exec(text)?.[1];
  return Number(raw) === value ? floorDecimal(String(raw)) : undefined;
}

/** GET {base}/api/services/nonce?userAddress= (both flavours serve it), floored. */
export async function fetchStoredNonce(
  http: HttpClient,
  args: { base: string; address: string; signal?: AbortSignal | undefined; onError: (res: HttpResponse) => AppError },
): Promise<bigint> {
  const res = await http.request(providerRequest('GET', args.base, `/api/services/nonce?userAddress=${encodeURIComponent(args.address)}`, { signal: args.signal }));
  if (res.status !== 200) throw args.onError(res);
  const nonce = parseNonceBody(res.text);
  if (nonce === undefined) {
    throw new AppError('BAD_RESPONSE', `${res.host} answered the nonce request with something Token Vault could not read. Check the provider URL.`);
  }
  return nonce;
}
