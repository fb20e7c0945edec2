import { z } from 'zod';
import { damaged } from './vaultFormat.js';
import { decodeStore, encodeStore, storeSchema, type StoreMeta } from './storeMeta.js';
import { emptyVaultData, type VaultData } from './types.js';

/*
 * The decrypted payload is authenticated, so this guards against our own bugs and older versions,
 * not against attackers. Schemas are loose on purpose: other services add fields to their records,
 * and an unknown field must survive a round trip, never be stripped or make a vault unopenable.
 */
const accountSchema = z.looseObject({
  id: z.string(),
  label: z.string(),
  config: z.looseObject({ kind: z.enum(['azion', 'ocean']) }),
  secrets: z.looseObject({ kind: z.enum(['azion', 'ocean']) }),
});
const payloadSchema = z.looseObject({
  accounts: z.array(accountSchema).optional(),
  oceanExpirations: z.record(z.string(), z.array(z.number())).optional(),
});

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Tokens and audit entries are checked by hand: there can be tens of thousands, and this runs during unlock. */
function recordsOk(raw: Record<string, unknown>): boolean {
  const { tokens, audit } = raw;
  if (tokens !== undefined) {
    if (!Array.isArray(tokens)) return false;
    for (const t of tokens) {
      if (!isObject(t) || typeof t['id'] !== 'string' || typeof t['accountId'] !== 'string' || typeof t['value'] !== 'string') return false;
    }
  }
  if (audit !== undefined) {
    if (!Array.isArray(audit)) return false;
    for (const e of audit) if (!isObject(e) || typeof e['seq'] !== 'number') return false;
  }
  return true;
}

/** Format 2 keeps the store's bookkeeping under this key, beside the data. */
const STORE_KEY = '$store';

export function encodePayload(data: VaultData, store?: StoreMeta): Buffer {
  return Buffer.from(JSON.stringify(store ? { ...data, [STORE_KEY]: encodeStore(store) } : data), 'utf8');
}

/** Parses a decrypted payload; fields added since the vault was written get their empty defaults. */
export function decodePayload(plain: Buffer): { data: VaultData; store?: StoreMeta } {
  let raw: unknown;
  try {
    raw = JSON.parse(plain.toString('utf8'));
  } catch {
    throw damaged('payload is not JSON');
  }
  if (!isObject(raw) || !recordsOk(raw) || !payloadSchema.safeParse(raw).success) throw damaged('payload schema mismatch');
  // Validation only; the raw object is kept so fields this version does not know are preserved.
  const { [STORE_KEY]: rawStore, ...rest } = raw as Record<string, unknown>;
  const data = { ...emptyVaultData(), ...(rest as Partial<VaultData>) };
  if (rawStore === undefined) return { data };
  const store = storeSchema.safeParse(rawStore);
  if (!store.success) throw damaged('store schema mismatch');
  return { data, store: decodeStore(store.data) };
}
