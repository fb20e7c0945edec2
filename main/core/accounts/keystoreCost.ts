import { AppError } from '../errors.js';

/** Limits for keystores we import. geth's "standard" scrypt (n = 2^18, r = 8, p = 1) is the most we accept. */
export const KEYSTORE_LIMITS = {
  scryptMaxN: 2 ** 18,
  // geth's "light" setting is n = 2^12, r = 8, p = 6 (r·p = 48).
  scryptMaxRP: 64,
  /** 128·n·r bytes: what scrypt allocates. */
  scryptMaxMemory: 256 * 1024 * 1024,
  /** n·r·p: what scrypt computes. */
  scryptMaxWork: 2 ** 18 * 8,
  /**
   * geth writes pbkdf2 keystores with c = 262,144; 2^20 is four times that, about 0.3 s on a
   * laptop. 10^7 (the old cap) stalled a 2-core machine for 7 s: capped here, and derived on a
   * worker thread either way.
   */
  pbkdf2MaxIterations: 2 ** 20,
} as const;

const notKeystore = (): AppError =>
  new AppError('BAD_KEY', 'That file is not an Ethereum keystore (JSON, version 3). Export the key again, or paste it as hex.');

const tooCostly = (): AppError => new AppError('KEYSTORE_TOO_COSTLY');

/**
 * Reads an imported keystore's KDF parameters before anything decrypts it: a file asking for
 * n = 2^30 or a billion pbkdf2 rounds would freeze the app or exhaust memory. Throws BAD_KEY when it
 * is not a version-3 keystore and KEYSTORE_TOO_COSTLY when its cost is absurd.
 */
export function assertKeystoreCost(json: string): void {
  let ks: unknown;
  try {
    ks = JSON.parse(json);
  } catch {
    throw notKeystore();
  }
  const obj = ks as { version?: unknown; crypto?: unknown; Crypto?: unknown } | null;
  if (typeof obj !== 'object' || obj === null || obj.version !== 3) throw notKeystore();
  const crypto = (obj.crypto ?? obj.Crypto) as { kdf?: unknown; kdfparams?: Record<string, unknown> } | undefined;
  const params = crypto?.kdfparams;
  if (typeof crypto !== 'object' || typeof params !== 'object' || params === null) throw notKeystore();
  const int = (v: unknown): number => {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) throw notKeystore();
    return v;
  };
  const dklen = int(params['dklen']);
  if (dklen < 32 || dklen > 64) throw notKeystore();
  if (crypto.kdf === 'scrypt') {
    const n = int(params['n']);
    const r = int(params['r']);
    const p = int(params['p']);
    if ((n & (n - 1)) !== 0 || n < 2) throw notKeystore();
    if (
      n > KEYSTORE_LIMITS.scryptMaxN ||
      r * p > KEYSTORE_LIMITS.scryptMaxRP ||
      128 * n * r > KEYSTORE_LIMITS.scryptMaxMemory ||
      n * r * p > KEYSTORE_LIMITS.scryptMaxWork
    ) {
      throw tooCostly();
    }
  } else if (crypto.kdf === 'pbkdf2') {
    if (params['prf'] !== 'hmac-sha256') throw notKeystore();
    if (int(params['c']) > KEYSTORE_LIMITS.pbkdf2MaxIterations) throw tooCostly();
  } else {
    throw notKeystore();
  }
}
