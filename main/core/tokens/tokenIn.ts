import { AppError } from '../errors.js';
import type { TokenRecord, VaultData } from '../vault/vaultRecords.js';

/** Finds a token inside an update, or throws NOT_FOUND (the update then changes nothing). */
export function tokenIn(data: VaultData, id: string): TokenRecord {
  const token = data.tokens.find((t) => t.id === id);
  if (!token) throw new AppError('NOT_FOUND', 'That token is no longer in the vault. Refresh the list.');
  return token;
}
