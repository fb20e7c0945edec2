import type { StoredTokenRef } from '../providers/types.js';
import type { TokenRecord } from '../vault/vaultRecords.js';

/** What a provider gets of a stored token: a copy, so the provider cannot change the record. */
export function refOf(token: TokenRecord): StoredTokenRef {
  const ref: StoredTokenRef = { kind: token.kind, value: token.value, expiresAt: token.expiresAt };
  if (token.serverId !== undefined) ref.serverId = token.serverId;
  if (token.meta !== undefined) ref.meta = { ...token.meta };
  return ref;
}
