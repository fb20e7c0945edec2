/** A small seeded PRNG (mulberry32): fuzz runs are reproducible from their seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STRINGS = ['', ' ', 'a', '__proto__', 'constructor', 'prototype', '../../etc/passwd', 'app://token-vault/', 'https://127.0.0.1:1/', '0x', '0x' + 'f'.repeat(64), '😀'.repeat(3), '\u0000', '%00', '{"a":1}', 'raw', 'header', 'curl', 'export', 'azion', 'ocean', 'session', 'personal', 'hex', 'keystore', 'generate'];

/** Random structured-cloneable values, biased towards the shapes the contract uses. */
export function randomValue(rand: () => number, depth = 0): unknown {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const r = rand();
  if (r < 0.12) return pick(STRINGS);
  if (r < 0.2) return 'x'.repeat(Math.floor(rand() * 5000));
  if (r < 0.3) return pick([0, -0, 1, -1, 1.5, NaN, Infinity, -Infinity, 2 ** 53, -(2 ** 63), 8_640_000_000_001, Date.now()]);
  if (r < 0.36) return pick([true, false, null, undefined]);
  if (r < 0.42) return String.fromCharCode(...Array.from({ length: Math.floor(rand() * 40) }, () => Math.floor(rand() * 0xffff)));
  if (depth > 3) return null;
  if (r < 0.6) return Array.from({ length: Math.floor(rand() * 4) }, () => randomValue(rand, depth + 1));
  const keys = ['kind', 'type', 'label', 'email', 'password', 'mode', 'providerUrl', 'key', 'privateKey', 'json', 'expiresAt', 'previewId', 'name', 'offset', 'limit', 'action', 'accountId', 'autoLockMinutes', 'theme', '__proto__', 'constructor'];
  const obj: Record<string, unknown> = {};
  for (let i = Math.floor(rand() * 5); i > 0; i--) obj[pick(keys)] = randomValue(rand, depth + 1);
  return obj;
}
