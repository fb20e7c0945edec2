import { AppError } from '../errors.js';
import type { TokenRecord } from '../vault/vaultRecords.js';
import type { TokenRuntime } from './TokenRuntime.js';

/** A token that can still be used: not revoked (or being revoked) and not expired. */
export function requireUsable(runtime: TokenRuntime, tokenId: string): TokenRecord {
  const token = runtime.requireToken(tokenId);
  if (token.state === 'revoked' || token.state === 'revoking') {
    throw new AppError('ALREADY_GONE', 'This token was revoked. Mint a new one to get a working token.');
  }
  if (runtime.now() > token.expiresAt) throw new AppError('TOKEN_EXPIRED', 'This token has expired. Mint a new one to get a working token.');
  return token;
}
