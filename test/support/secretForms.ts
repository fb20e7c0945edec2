/**
 * Finding a secret wherever it may have leaked: in any encoding a program is likely to produce
 * (plain, hex, base64, base64url, URL-encoded) and, for an Ethereum key, its raw bytes too.
 */

/** Every form of `secret` worth looking for, as bytes. */
export function secretForms(secret: string): Buffer[] {
  const utf8 = Buffer.from(secret, 'utf8');
  const hex = utf8.toString('hex');
  const texts = [
    secret,
    hex,
    hex.toUpperCase(),
    utf8.toString('base64'),
    utf8.toString('base64url'),
    encodeURIComponent(secret),
    new URLSearchParams({ v: secret }).toString().slice(2),
  ];
  const out = texts.map((t) => Buffer.from(t, 'utf8'));
  const keyHex = /^(0x)?([0-9a-fA-F]{64})$/.exec(secret)?.[2];
  if (keyHex) {
    const raw = Buffer.from(keyHex, 'hex');
    out.push(raw, ...[keyHex.toLowerCase(), keyHex.toUpperCase(), raw.toString('base64'), raw.toString('base64url')].map((t) => Buffer.from(t)));
  }
  // Unique forms only; padding-free base64 is a prefix of the padded one, so both are kept.
  return out.filter((b, i) => out.findIndex((o) => o.equals(b)) === i);
}

/** The bytes, plus every base64 run in them decoded: an encoding must not hide a plain secret. */
export function withDecodedBase64(bytes: Buffer): Buffer[] {
  const runs = [...bytes.toString('latin1').matchAll(/[A-Za-z0-9+/_-]{16,}={0,2}/g)].map((m) => m[0]);
  return [bytes, ...runs.map((r) => Buffer.from(r, r.includes('-') || r.includes('_') ? 'base64url' : 'base64'))];
}

export interface Leak {
  /** Where it was found. */
  place: string;
  /** Which secret (its label, never its value). */
  secret: string;
  /** Index of the form in secretForms (0 = plain). */
  form: number;
}

/** Every (place, secret) pair where some form of the secret occurs. */
export function findLeaks(places: Record<string, Buffer[]>, secrets: Record<string, string>): Leak[] {
  const leaks: Leak[] = [];
  for (const [label, secret] of Object.entries(secrets)) {
    const forms = secretForms(secret);
    for (const [place, haystacks] of Object.entries(places)) {
      const form = forms.findIndex((f) => haystacks.some((h) => h.includes(f)));
      if (form >= 0) leaks.push({ place, secret: label, form });
    }
  }
  return leaks;
}
