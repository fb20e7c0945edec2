/** Query parameters whose values are secrets in the protocols we speak (and a few common ones). */
const SECRET_PARAMS = /^(token|signature|password|passwd|secret|key|api_?key|auth|authorization|access_token|refresh_token|code)$/i;

const PLACEHOLDER = '[redacted]';

/** A URL safe to log or show: no userinfo, secret query values replaced, and path segments after /tokens/ hidden. */
export function redactUrl(input: string | URL): string {
  let url: URL;
  try {
    url = new URL(String(input));
  } catch {
    return '[unparsable url]';
  }
  url.username = '';
  url.password = '';
  for (const name of [...url.searchParams.keys()]) {
    if (SECRET_PARAMS.test(name)) url.searchParams.set(name, PLACEHOLDER);
  }
  // Azion revokes by putting the token itself in the path: DELETE /tokens/{token}.
  url.pathname = url.pathname.replace(/(\/tokens\/)[^/]+/i, `$1${PLACEHOLDER}`);
  return url.toString().replace(/%5Bredacted%5D/gi, PLACEHOLDER);
}

/** Strips well-known secret shapes from free text (header lines, bearer values, hex keys, JWTs). */
export function redactPatterns(text: string): string {
  return text
    .replace(/\b(authorization|authtoken|x-api-key)\s*[:=]\s*\S+(\s+\S+)?/gi, `$1: ${PLACEHOLDER}`)
    .replace(/\beyJ[\w-]+\.[\w-]+\.[\w-]*/g, PLACEHOLDER)
    .replace(/\b(0x)?[0-9a-f]{64,}\b/gi, PLACEHOLDER)
    .replace(/\bhttps?:\/\/[^\s"'<>]+/gi, (u) => redactUrl(u));
}

/**
 * Redaction by construction: every secret the vault decrypts or a provider returns is registered here
 * (and dropped on lock), and all log lines and error texts pass through `redact` before leaving.
 * Each secret is also hidden in its common encodings (base64, hex, URL encoding).
 */
export class Redactor {
  #secrets = new Set<string>();
  /** Longest first, so a secret containing another is hidden whole; rebuilt only when the set changes. */
  #sorted: string[] | null = null;

  add(secret: string | undefined | null): void {
    if (!secret || secret.length < 4) return;
    for (const form of encodings(secret)) this.#secrets.add(form);
    this.#sorted = null;
  }

  clear(): void {
    this.#secrets.clear();
    this.#sorted = null;
  }

  redact(text: string): string {
    let out = text;
    this.#sorted ??= [...this.#secrets].sort((a, b) => b.length - a.length);
    for (const s of this.#sorted) {
      if (out.includes(s)) out = out.split(s).join(PLACEHOLDER);
    }
    return redactPatterns(out);
  }
}

function encodings(secret: string): string[] {
  const buf = Buffer.from(secret, 'utf8');
  return [secret, buf.toString('base64'), buf.toString('base64url'), buf.toString('hex'), encodeURIComponent(secret)];
}
