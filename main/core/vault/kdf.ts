import { hkdfSync, scrypt } from 'node:crypto';

/** scrypt cost parameters; stored in the vault file so a later version can raise them on unlock. */
export interface KdfParams {
  name: 'scrypt';
  /** CPU/memory cost, a power of two. */
  N: number;
  r: number;
  p: number;
}

/**
 * N = 2^17, r = 8, p = 1: 128 MiB and about 0.37 s here (2-core AMD EPYC, Node 20), so a slower
 * 2-core laptop stays under 1 s. It is also OWASP's recommended scrypt minimum. We raise memory,
 * not p: node's scrypt runs p lanes one after another, so p buys time but no memory hardness.
 * 2^18 measured 0.76 s here, too close to 1 s on slower machines.
 */
// Stryker disable next-line ObjectLiteral,StringLiteral: static in effect (read once, at load, so a mutant switched on in a test never reaches it; only AutoLock.test.ts's late import covers it), left out like every static mutant; kdf.test.ts pins the value
export const DEFAULT_KDF: KdfParams = { name: 'scrypt', N: 2 ** 17, r: 8, p: 1 };

export const SALT_BYTES = 32;

/** Bounds for parameters read from a file: a tampered file must not make unlock allocate gigabytes. */
export function kdfWithinBounds(k: KdfParams): boolean {
  const int = (n: number, lo: number, hi: number): boolean => Number.isSafeInteger(n) && n >= lo && n <= hi;
  return (
    k.name === 'scrypt' &&
    int(k.N, 2, 2 ** 20) &&
    (k.N & (k.N - 1)) === 0 &&
    int(k.r, 1, 32) &&
    int(k.p, 1, 16) &&
    128 * k.N * k.r <= 1024 * 1024 * 1024
  );
}

/** How the log names a KDF's cost: never the salt. */
export function kdfLabel(k: KdfParams): string {
  return `${k.name} N=${k.N} r=${k.r} p=${k.p}`;
}

/** True when `a` costs less than `target` in memory or in time, so a vault using `a` should be re-wrapped. */
export function isWeakerThan(a: KdfParams, target: KdfParams): boolean {
  return a.N * a.r < target.N * target.r || a.N * a.r * a.p < target.N * target.r * target.p;
}

export interface PasswordKeys {
  /** Wraps the data key (AES-256-GCM). */
  kek: Buffer;
  /**
   * Stored in the file and compared on unlock. It answers only "is this the password for this salt"
   * and covers no header field, so a mismatch means a wrong password and nothing else (see vaultFormat.ts).
   * It gives an offline attacker nothing the wrapped key's GCM tag does not: both cost one KDF per guess.
   */
  check: Buffer;
}

export async function derivePasswordKeys(password: string, salt: Uint8Array, k: KdfParams): Promise<PasswordKeys> {
  // NFC, so the same password typed through different input methods derives the same key; UTF-8 (Buffer's default).
  const secret = Buffer.from(password.normalize('NFC'));
  try {
    const master = await new Promise<Buffer>((resolve, reject) =>
      scrypt(secret, salt, 32, { N: k.N, r: k.r, p: k.p, maxmem: 256 * k.N * k.r + 32 * 1024 * 1024 }, (err, key) =>
        err ? reject(err) : resolve(key),
      ),
    );
    const kek = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'token-vault/v1/kek', 32));
    const check = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'token-vault/v1/password-check', 32));
    master.fill(0);
    return { kek, check };
  } finally {
    secret.fill(0);
  }
}
