import { z } from 'zod';
import { damaged } from './vaultFormat.js';
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
const tokenSchema = z.looseObject({ id: z.string(), accountId: z.string(), value: z.string() });
const auditSchema = z.looseObject({ seq: z.number() });

const payloadSchema = z.looseObject({
  accounts: z.array(accountSchema).optional(),
  tokens: z.array(tokenSchema).optional(),
  audit: z.array(auditSchema).optional(),
  oceanExpirations: z.record(z.string(), z.array(z.number())).optional(),
});

export function encodePayload(data: VaultData): Buffer {
  return Buffer.from(JSON.stringify(data), 'utf8');
}

/** Parses a decrypted payload; fields added since the vault was written get their empty defaults. */
export function decodePayload(plain: Buffer): VaultData {
  let raw: unknown;
  try {
    raw = JSON.parse(plain.toString('utf8'));
  } catch {
    throw damaged('payload is not JSON');
  }
  if (!payloadSchema.safeParse(raw).success) throw damaged('payload schema mismatch');
  // Validation only; the raw object is kept so fields this version does not know are preserved.
  return { ...emptyVaultData(), ...(raw as Partial<VaultData>) };
}
