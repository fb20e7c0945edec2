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

/** Secrets are at least this long (shorter ones are not registered). */
const MIN_SECRET = 4;
/**
 * Longer secrets are indexed by this many first characters: encodings of tokens that share a prefix
 * (every JWT starts "eyJ", so its base64 starts "ZXlK") still spread over many short lists.
 */
const LONG_PREFIX = 12;

/**
 * Redaction by construction: every secret the vault decrypts or a provider returns is registered here
 * (and dropped on lock), and all log lines and error texts pass through `redact` before leaving.
 * Each secret is also hidden in its common encodings (base64, hex, URL encoding).
 *
 * Secrets are indexed by their first characters, so redacting a line costs its length, not the number
 * of secrets (a vault with 10,000 live tokens holds 50,000 forms). Every occurrence of every secret is
 * found, and overlapping occurrences are hidden together, so no part of any of them survives.
 */
export class Redactor {
  /** The secrets registered (not their encodings). */
  readonly #secrets = new Set<string>();
  /** Secrets shorter than LONG_PREFIX by their first MIN_SECRET characters, longer ones by LONG_PREFIX. */
  readonly #short = new Map<string, string[]>();
  readonly #long = new Map<string, string[]>();

  add(secret: string | undefined | null): void {
    // Deduplicated by the secret itself: hashing each long encoded form too would double unlock's cost.
    if (!secret || secret.length < MIN_SECRET || this.#secrets.has(secret)) return;
    this.#secrets.add(secret);
    let previous = '';
    for (const form of encodings(secret)) {
      // base64url is often base64, and URL-encoding often the secret itself: one entry each is enough.
      if (form === previous || (form === secret && previous !== '')) continue;
      previous = form;
      const [index, prefix] = form.length < LONG_PREFIX ? [this.#short, form.slice(0, MIN_SECRET)] : [this.#long, form.slice(0, LONG_PREFIX)];
      const list = index.get(prefix);
      if (list) list.push(form);
      else index.set(prefix, [form]);
    }
  }

  clear(): void {
    this.#secrets.clear();
    this.#short.clear();
    this.#long.clear();
  }

  redact(text: string): string {
    let out = '';
    let copied = 0;
    let hideUntil = -1;
    let hideFrom = -1;
    const shortOnes = this.#short.size > 0;
    for (let i = 0; i + MIN_SECRET <= text.length; i++) {
      let end = -1;
      const long = i + LONG_PREFIX <= text.length ? this.#long.get(text.slice(i, i + LONG_PREFIX)) : undefined;
      if (long) for (const c of long) if (i + c.length > end && text.startsWith(c, i)) end = i + c.length;
      const short = shortOnes ? this.#short.get(text.slice(i, i + MIN_SECRET)) : undefined;
      if (short) for (const c of short) if (i + c.length > end && text.startsWith(c, i)) end = i + c.length;
      if (end < 0) continue;
      if (i <= hideUntil) {
        hideUntil = Math.max(hideUntil, end);
      } else {
        if (hideFrom >= 0) {
          out += text.slice(copied, hideFrom) + PLACEHOLDER;
          copied = hideUntil;
        }
        hideFrom = i;
        hideUntil = end;
      }
    }
    if (hideFrom >= 0) {
      out += text.slice(copied, hideFrom) + PLACEHOLDER;
      copied = hideUntil;
    }
    return redactPatterns(out + text.slice(copied));
  }
}

function encodings(secret: string): string[] {
  const buf = Buffer.from(secret, 'utf8');
  return [secret, buf.toString('base64'), buf.toString('base64url'), buf.toString('hex'), encodeURIComponent(secret)];
}
