import type { Clock } from '../../clock.js';
import { AppError } from '../../errors.js';
import type { HttpClient, HttpResponse } from '../../http/httpTypes.js';
import { providerRequest } from '../providerRequest.js';
import { decodeJwtPayload, looksLikeJwt } from './jwtPayload.js';
import { assertFutureExpiry, assertPreviewMatches, type OceanFlavour } from './oceanFlavour.js';
import { oceanNodeError, unconfirmedRevoke } from './oceanErrors.js';
import { fetchStoredNonce } from './oceanNonce.js';
import { nodeMessage, signForNode } from './oceanSigning.js';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Ocean Node v1 (ocean-provider.md §B): POST routes with JSON, the command name in the signed
 * message, validUntil in milliseconds, and a nonce the node consumes: each must be strictly greater
 * than the last one it accepted. We use max(stored + 1, now in ms, last we sent + 1), the same
 * timestamp-like scale ocean.js uses, so other clients of the same key keep working too.
 */
export function createOceanNodeFlavour(deps: { http: HttpClient; clock: Clock }): OceanFlavour {
  const { http, clock } = deps;
  const lastSent = new Map<string, bigint>();
  const onError = (res: HttpResponse): AppError => oceanNodeError(res, clock.now());

  async function nextNonce(base: string, address: string, signal: AbortSignal | undefined): Promise<bigint> {
    const stored = await fetchStoredNonce(http, { base, address, signal, onError });
    const last = lastSent.get(`${base}|${address}`) ?? 0n;
    let next = BigInt(Math.floor(clock.now()));
    if (stored + 1n > next) next = stored + 1n;
    if (last + 1n > next) next = last + 1n;
    // The node compares parseInt(nonce) as a JS number: beyond 2^53 it could not tell nonces apart.
    if (next > MAX_SAFE) {
      throw new AppError('BAD_RESPONSE', 'The Ocean Node stores a nonce too large to continue safely for this address. Use another key or ask the node operator.');
    }
    return next;
  }

  function remember(base: string, address: string, nonce: bigint): void {
    const key = `${base}|${address}`;
    if (nonce > (lastSent.get(key) ?? 0n)) lastSent.set(key, nonce);
  }

  return {
    async preview({ base, address, expiresAt, signal }) {
      assertFutureExpiry(expiresAt, clock.now());
      const nonce = (await nextNonce(base, address, signal)).toString();
      return { address, nonce, message: nodeMessage(address, nonce, 'createAuthToken'), expiresAt, flavour: 'node', providerUrl: base };
    },

    async mint({ base, wallet, preview, signal }) {
      const address = wallet.address;
      assertPreviewMatches(preview, { base, address, flavour: 'node', message: nodeMessage(address, preview.nonce, 'createAuthToken') });
      assertFutureExpiry(preview.expiresAt, clock.now());
      remember(base, address, BigInt(preview.nonce));
      const signature = await signForNode(wallet, preview.message);
      const res = await http.request(
        providerRequest('POST', base, '/api/services/auth/token', { json: { address, nonce: preview.nonce, signature, validUntil: preview.expiresAt }, signal }),
      );
      if (res.status !== 200) throw onError(res);
      const body = res.json();
      const token = typeof body === 'object' && body !== null && 'token' in body ? (body as { token: unknown }).token : undefined;
      if (typeof token !== 'string' || !looksLikeJwt(token)) {
        throw new AppError('BAD_RESPONSE', `The Ocean Node (${res.host}) answered without a token. Check the node URL, then try again.`);
      }
      const createdAt = decodeJwtPayload(token)?.['createdAt'];
      return {
        kind: 'ocean-node',
        value: token,
        createdAt: typeof createdAt === 'number' ? createdAt : clock.now(),
        // The node keeps validUntil server-side (its JWT has no exp): what we sent is the expiry.
        expiresAt: preview.expiresAt,
        meta: { flavour: 'node', providerUrl: base, address },
      };
    },

    async revoke({ base, wallet, token, signal }) {
      const address = wallet.address;
      const nonce = await nextNonce(base, address, signal);
      remember(base, address, nonce);
      const signature = await signForNode(wallet, nodeMessage(address, nonce.toString(), 'invalidateAuthToken'));
      const res = await http.request(
        providerRequest('POST', base, '/api/services/auth/token/invalidate', { json: { address, nonce: nonce.toString(), signature, token: token.value }, signal }),
      );
      if (res.status !== 200) throw onError(res);
      // The node's one confirmation is 200 `{"success": true}` (also for an already invalidated token).
      if (confirmsInvalidation(res)) return 'revoked';
      // Stryker disable next-line StringLiteral: equivalent, unconfirmedRevoke only tells 'provider' from any other flavour
      throw unconfirmedRevoke(res.host, 'node');
    },
  };
}

function confirmsInvalidation(res: HttpResponse): boolean {
  try {
    const body = res.json();
    return typeof body === 'object' && body !== null && (body as Record<string, unknown>)['success'] === true;
    // Stryker disable next-line BlockStatement: equivalent, falling off the end returns undefined, as falsy as false to the one caller
  } catch {
    return false;
  }
}
