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
  /**
   * Forms of LONG_PREFIX characters or more by their first LONG_PREFIX: each a number, the secret's
   * place in #list times 32 plus a bit per form (kind) with that prefix. Numbers, not objects: unlock
   * registers 10,000 tokens at once, and every object made here is one more for the collector to move.
   */
  readonly #long = new Map<string, number | number[]>();
  readonly #list: string[] = [];
  /** Each secret's forms, built the first time a line holds one of their prefixes. */
  readonly #forms: (string[] | undefined)[] = [];

  add(secret: string | undefined | null): void {
    // Deduplicated by the secret itself: hashing each long encoded form too would double unlock's cost.
    if (!secret || secret.length < MIN_SECRET || this.#secrets.has(secret)) return;
    this.#secrets.add(secret);
    const at = this.#list.push(secret) - 1;
    this.#forms.push(undefined);
    if (secret.length >= LAZY_FROM) {
      // Unlocking a vault of 10,000 tokens registers 50,000 forms: only their first characters are
      // worked out now; a form itself is built the first time a line holds its prefix.
      this.#index(at, prefixesOf(secret));
      return;
    }
    const forms = encodings(secret);
    this.#forms[at] = forms;
    const prefixes: string[] = [];
    for (let kind = 0; kind < FORMS; kind++) {
      const form = forms[kind]!;
      if (form.length >= LONG_PREFIX) {
        prefixes.push(form.slice(0, LONG_PREFIX));
        continue;
      }
      prefixes.push('');
      // base64url is often base64, and URL-encoding often the secret itself: one entry each is enough.
      if (forms.indexOf(form) < kind) continue;
      const prefix = form.slice(0, MIN_SECRET);
      const list = this.#short.get(prefix);
      if (list) list.push(form);
      else this.#short.set(prefix, [form]);
    }
    this.#index(at, prefixes);
  }

  /** Indexes secret `at` by each form's prefix ('' for none); forms sharing one take one entry. */
  #index(at: number, prefixes: string[]): void {
    for (let kind = 0; kind < FORMS; kind++) {
      const prefix = prefixes[kind]!;
      if (prefix === '' || prefixes.indexOf(prefix) < kind) continue;
      let mask = 0;
      for (let k = kind; k < FORMS; k++) if (prefixes[k] === prefix) mask |= 1 << k;
      const entry = at * 32 + mask;
      const held = this.#long.get(prefix);
      if (held === undefined) this.#long.set(prefix, entry);
      else if (typeof held === 'number') this.#long.set(prefix, [held, entry]);
      else held.push(entry);
    }
  }

  clear(): void {
    this.#secrets.clear();
    this.#short.clear();
    this.#long.clear();
    this.#list.length = 0;
    this.#forms.length = 0;
  }

  /** The end of the longest form in `held` that `text` holds at `i`, or -1. */
  #longEnd(text: string, i: number, held: number | number[]): number {
    let end = -1;
    for (const entry of typeof held === 'number' ? [held] : held) {
      const at = Math.floor(entry / 32);
      const forms = (this.#forms[at] ??= encodings(this.#list[at]!));
      for (let kind = 0; kind < FORMS; kind++) {
        if ((entry & (1 << kind)) === 0) continue;
        const c = forms[kind]!;
        if (i + c.length > end && text.startsWith(c, i)) end = i + c.length;
      }
    }
    return end;
  }

  redact(text: string): string {
    let out = '';
    let copied = 0;
    let hideUntil = -1;
    let hideFrom = -1;
    const shortOnes = this.#short.size > 0;
    for (let i = 0; i + MIN_SECRET <= text.length; i++) {
      const long = i + LONG_PREFIX <= text.length ? this.#long.get(text.slice(i, i + LONG_PREFIX)) : undefined;
      let end = long === undefined ? -1 : this.#longEnd(text, i, long);
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

const FORMS = 5;
/**
 * From this length every form is at least LONG_PREFIX characters long and its first LONG_PREFIX depend
 * only on the secret's first characters (base64 needs 9 bytes, hex 6), so the prefix can be indexed
 * before the form exists.
 */
const LAZY_FROM = 24;

/** The secret's first characters, never ending inside a surrogate pair: each form of it starts that form of the whole. */
function headOf(secret: string): string {
  const code = secret.charCodeAt(LONG_PREFIX - 1);
  return secret.slice(0, code >= 0xd800 && code <= 0xdbff ? LONG_PREFIX + 1 : LONG_PREFIX);
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const HEX = '0123456789abcdef';

/**
 * The first LONG_PREFIX characters of each form of a long secret, in the order of encodings(). Unlock
 * works these out for every token (10,000 of them in a big vault): an ASCII head, the usual case, is
 * encoded by hand, without a Buffer per token.
 */
function prefixesOf(secret: string): string[] {
  let ascii = true;
  for (let i = 0; i < LONG_PREFIX; i++) if (secret.charCodeAt(i) > 0x7f) ascii = false;
  if (!ascii) {
    const head = headOf(secret);
    const bytes = Buffer.from(head, 'utf8');
    // 9 bytes are the first 12 characters of base64, 6 those of hex.
    return [head.slice(0, LONG_PREFIX), bytes.toString('base64', 0, 9), bytes.toString('base64url', 0, 9), bytes.toString('hex', 0, 6), safeUriEncode(head).slice(0, LONG_PREFIX)];
  }
  // One byte a character: the bytes are the character codes.
  let b64 = '';
  for (let i = 0; i < 9; i += 3) {
    const a = secret.charCodeAt(i);
    const b = secret.charCodeAt(i + 1);
    const c = secret.charCodeAt(i + 2);
    b64 += B64[a >> 2]! + B64[((a & 3) << 4) | (b >> 4)]! + B64[((b & 15) << 2) | (c >> 6)]! + B64[c & 63]!;
  }
  let hex = '';
  for (let i = 0; i < 6; i++) {
    const a = secret.charCodeAt(i);
    hex += HEX[a >> 4]! + HEX[a & 15]!;
  }
  const head = secret.slice(0, LONG_PREFIX);
  const url = b64.includes('+') || b64.includes('/') ? b64.replaceAll('+', '-').replaceAll('/', '_') : b64;
  return [head, b64, url, hex, safeUriEncode(head).slice(0, LONG_PREFIX)];
}

/** encodeURIComponent, or the secret itself for one that holds a lone surrogate (it throws on those). */
function safeUriEncode(secret: string): string {
  try {
    return encodeURIComponent(secret);
  } catch {
    return secret;
  }
}

/** A secret's forms, by kind: itself, base64, base64url, hex, URL encoding. */
function encodings(secret: string): string[] {
  const buf = Buffer.from(secret, 'utf8');
  return [secret, buf.toString('base64'), buf.toString('base64url'), buf.toString('hex'), safeUriEncode(secret)];
}
