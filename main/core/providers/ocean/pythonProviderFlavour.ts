import type { Clock } from '../../clock.js';
import { AppError } from '../../errors.js';
import type { HttpClient, HttpResponse } from '../../http/httpTypes.js';
import { providerRequest } from '../providerRequest.js';
import type { ExpirationLedger, MintedToken } from '../types.js';
import { decodeJwtPayload, looksLikeJwt } from './jwtPayload.js';
import { assertFutureExpiry, assertPreviewMatches, type OceanFlavour } from './oceanFlavour.js';
import { pythonProviderError, unconfirmedRevoke } from './oceanErrors.js';
import { fetchStoredNonce } from './oceanNonce.js';
import { providerMessage, signForProvider } from './oceanSigning.js';

/**
 * The first expiration second at or after the wanted one that this (provider, address) never used:
 * re-minting a deleted (address, exp) pair un-revokes that token on the server.
 */
export function pickExpirationSecond(ledger: ExpirationLedger, base: string, address: string, wantedMs: number): number {
  let second = Math.floor(wantedMs / 1000);
  while (ledger.has(base, address, second)) second++;
  return second;
}

/**
 * The Provider's one confirmation of a delete: 200 `{"success": "Token has been deactivated."}`. A 200
 * with any other body (a proxy's page, a truncated answer) says nothing about the token.
 */
function confirmsDeactivation(res: HttpResponse): boolean {
  try {
    const body = res.json();
    // Stryker disable next-line LogicalOperator: equivalent, null['success'] throws into the catch below and a primitive has no success field
    const success = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['success'] : undefined;
    return typeof success === 'string' && /^token has been deactivated\.?$/i.test(success.trim());
    // Stryker disable next-line BlockStatement: equivalent, falling off the end returns undefined, as falsy as false to the one caller
  } catch {
    return false;
  }
}

/**
 * Python Provider (ocean-provider.md §A): nonce = floor(stored) + 1 (the server never advances it
 * for auth calls), message = address + nonce, EIP-191 over the 32 hash bytes, expiration in seconds.
 */
export function createPythonProviderFlavour(deps: { http: HttpClient; clock: Clock; ledger: ExpirationLedger }): OceanFlavour {
  const { http, clock, ledger } = deps;
  const onError = (res: Parameters<typeof pythonProviderError>[0]): AppError => pythonProviderError(res, clock.now());

  async function nextNonce(base: string, address: string, signal: AbortSignal | undefined): Promise<string> {
    return ((await fetchStoredNonce(http, { base, address, signal, onError })) + 1n).toString();
  }

  return {
    async preview({ base, address, expiresAt, signal }) {
      assertFutureExpiry(expiresAt, clock.now());
      const nonce = await nextNonce(base, address, signal);
      const second = pickExpirationSecond(ledger, base, address, expiresAt);
      return { address, nonce, message: providerMessage(address, nonce), expiresAt: second * 1000, flavour: 'provider', providerUrl: base };
    },

    async mint({ base, wallet, preview, signal }): Promise<MintedToken> {
      const address = wallet.address;
      assertPreviewMatches(preview, { base, address, flavour: 'provider', message: providerMessage(address, preview.nonce) });
      assertFutureExpiry(preview.expiresAt, clock.now());
      // The signature covers address + nonce only, so moving past a used second changes nothing approved.
      const expiration = pickExpirationSecond(ledger, base, address, preview.expiresAt);
      // Recorded before sending: if we crash after the server minted, the second must still count as used.
      await ledger.add(base, address, expiration);
      const signature = await signForProvider(wallet, preview.message);
      const query = new URLSearchParams({ address, nonce: preview.nonce, expiration: String(expiration), signature });
      const res = await http.request(providerRequest('GET', base, `/api/services/createAuthToken?${query.toString()}`, { signal }));
      if (res.status !== 200) throw onError(res);
      const body = res.json();
      const token = typeof body === 'object' && body !== null && 'token' in body ? (body as { token: unknown }).token : undefined;
      if (typeof token !== 'string' || !looksLikeJwt(token)) {
        throw new AppError('BAD_RESPONSE', `The provider (${res.host}) answered without a token. Check the provider URL, then try again.`);
      }
      const exp = decodeJwtPayload(token)?.['exp'];
      const expiresAt = (typeof exp === 'number' && Number.isSafeInteger(exp) ? exp : expiration) * 1000;
      return {
        kind: 'ocean-provider',
        value: token,
        createdAt: clock.now(),
        expiresAt,
        meta: { flavour: 'provider', providerUrl: base, address },
      };
    },

    async revoke({ base, wallet, token, signal }) {
      const address = wallet.address;
      const nonce = await nextNonce(base, address, signal);
      const signature = await signForProvider(wallet, providerMessage(address, nonce));
      const res = await http.request(providerRequest('DELETE', base, '/api/services/deleteAuthToken', { json: { address, token: token.value, nonce, signature }, signal }));
      if (res.status === 200) {
        if (confirmsDeactivation(res)) return 'revoked';
        throw unconfirmedRevoke(res.host, 'provider');
      }
      const err = onError(res);
      // Expired tokens cannot be deleted and deleted ones are dead: either way, nothing is left to do.
      if (err.code === 'TOKEN_EXPIRED' || err.code === 'ALREADY_GONE') return 'already-gone';
      throw err;
    },
  };
}
