import { HASH_BASE, hashAt, PREFIX, PrefixIndex, rollHash } from './prefixIndex.js';

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
const LONG_PREFIX = PREFIX;

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
   * Forms of LONG_PREFIX characters or more by the hash of their first LONG_PREFIX: each a number, the
   * secret's place in #list times 32 plus a bit per form (kind) with that hash. Numbers in typed
   * arrays, not Map entries: unlock registers 10,000 tokens at once, and every object made here is
   * one more for the collector to move.
   */
  readonly #long = new PrefixIndex();
  readonly #list: string[] = [];
  /** Each secret's forms, built the first time a line holds one of their prefixes. */
  readonly #forms: (string[] | undefined)[] = [];

  add(secret: string | undefined | null): void {
    if (!secret || secret.length < MIN_SECRET) return;
    if (secret.length >= LAZY_FROM) {
      // Unlocking a vault of 10,000 tokens registers 50,000 forms: only the hashes of their first
      // characters are worked out now; a form itself is built the first time a line holds its prefix.
      const hashes = prefixHashesOf(secret);
      // Deduplicated through the index itself: a Set of 10,000 long values cost more than indexing them.
      if (this.#holds(hashes[RAW]!, secret)) return;
      this.#index(this.#push(secret), hashes);
      return;
    }
    if (this.#secrets.has(secret)) return;
    this.#secrets.add(secret);
    const at = this.#push(secret);
    const forms = encodings(secret);
    this.#forms[at] = forms;
    const hashes: (number | null)[] = [];
    for (let kind = 0; kind < FORMS; kind++) {
      const form = forms[kind]!;
      if (form.length >= LONG_PREFIX) {
        hashes.push(hashAt(form, 0));
        continue;
      }
      hashes.push(null);
      // base64url is often base64, and URL-encoding often the secret itself: one entry each is enough.
      if (forms.indexOf(form) < kind) continue;
      const prefix = form.slice(0, MIN_SECRET);
      const list = this.#short.get(prefix);
      if (list) list.push(form);
      else this.#short.set(prefix, [form]);
    }
    this.#index(at, hashes);
  }

  #push(secret: string): number {
    this.#forms.push(undefined);
    return this.#list.push(secret) - 1;
  }

  /** Whether `secret` (long) is registered: its own form is indexed under `hash`. */
  #holds(hash: number, secret: string): boolean {
    for (let e = this.#long.first(hash); e >= 0; e = this.#long.after(e, hash)) {
      const entry = this.#long.value(e);
      if ((entry & (1 << RAW)) !== 0 && this.#list[Math.floor(entry / 32)] === secret) return true;
    }
    return false;
  }

  /** Indexes secret `at` by each form's prefix hash (null for none); forms sharing one take one entry. */
  #index(at: number, hashes: (number | null)[]): void {
    for (let kind = 0; kind < FORMS; kind++) {
      const hash = hashes[kind];
      if (hash === null || hash === undefined || hashes.indexOf(hash) < kind) continue;
      let mask = 0;
      for (let k = kind; k < FORMS; k++) if (hashes[k] === hash) mask |= 1 << k;
      this.#long.add(hash, at * 32 + mask);
    }
  }

  clear(): void {
    this.#secrets.clear();
    this.#short.clear();
    this.#long.clear();
    this.#list.length = 0;
    this.#forms.length = 0;
  }

  /** The end of the longest indexed form that `text` holds at `i` (whose prefix hashes to `hash`), or -1. */
  #longEnd(text: string, i: number, hash: number): number {
    let end = -1;
    for (let e = this.#long.first(hash); e >= 0; e = this.#long.after(e, hash)) {
      const entry = this.#long.value(e);
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
    const longOnes = this.#long.size > 0;
    let hash = 0;
    for (let i = 0; i + MIN_SECRET <= text.length; i++) {
      let end = -1;
      if (longOnes && i + LONG_PREFIX <= text.length) {
        // The hash of text[i, i + LONG_PREFIX), rolled on from the previous position's.
        hash = i === 0 ? hashAt(text, 0) : rollHash(hash, text, i);
        end = this.#longEnd(text, i, hash);
      }
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

const RAW = 0;
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const HEX = '0123456789abcdef';
/** The ASCII characters encodeURIComponent leaves as they are. */
const URI_AS_IS = /^[A-Za-z0-9\-_.!~*'()]*$/;
const hashStep = (h: number, code: number): number => (Math.imul(h, HASH_BASE) + code) | 0;

/**
 * The hash of the first LONG_PREFIX characters of each form of a long secret, in the order of
 * encodings(). Unlock works these out for every token (10,000 of them in a big vault): for an ASCII
 * head, the usual case, straight from its character codes, with no Buffer or string per form.
 */
function prefixHashesOf(secret: string): number[] {
  const head = secret.slice(0, LONG_PREFIX);
  if (!/^[\x00-\x7f]*$/.test(head)) return prefixesOf(secret).map((p) => hashAt(p, 0));
  // One byte a character: the bytes are the character codes; 9 bytes make 12 characters of base64.
  let b64 = 0;
  let url = 0;
  for (let i = 0; i < 9; i += 3) {
    const a = secret.charCodeAt(i);
    const b = secret.charCodeAt(i + 1);
    const c = secret.charCodeAt(i + 2);
    for (const d of [a >> 2, ((a & 3) << 4) | (b >> 4), ((b & 15) << 2) | (c >> 6), c & 63]) {
      b64 = hashStep(b64, B64.charCodeAt(d));
      url = hashStep(url, d === 62 ? 0x2d : d === 63 ? 0x5f : B64.charCodeAt(d));
    }
  }
  let hex = 0;
  for (let i = 0; i < 6; i++) {
    const a = secret.charCodeAt(i);
    hex = hashStep(hashStep(hex, HEX.charCodeAt(a >> 4)), HEX.charCodeAt(a & 15));
  }
  const raw = hashAt(secret, 0);
  return [raw, b64, url, hex, URI_AS_IS.test(head) ? raw : hashAt(encodeURIComponent(head), 0)];
}

/** The first LONG_PREFIX characters of each form of a long secret, whatever its characters. */
function prefixesOf(secret: string): string[] {
  const head = headOf(secret);
  const bytes = Buffer.from(head, 'utf8');
  // 9 bytes are the first 12 characters of base64, 6 those of hex.
  return [head.slice(0, LONG_PREFIX), bytes.toString('base64', 0, 9), bytes.toString('base64url', 0, 9), bytes.toString('hex', 0, 6), safeUriEncode(head).slice(0, LONG_PREFIX)];
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
