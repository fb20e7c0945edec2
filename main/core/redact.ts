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
  readonly #long = new Map<string, Form[]>();

  add(secret: string | undefined | null): void {
    // Deduplicated by the secret itself: hashing each long encoded form too would double unlock's cost.
    if (!secret || secret.length < MIN_SECRET || this.#secrets.has(secret)) return;
    this.#secrets.add(secret);
    if (secret.length >= LAZY_FROM) {
      // Unlocking a vault of 10,000 tokens registers 50,000 forms: only their first characters are
      // worked out now; a form itself is built the first time a line holds its prefix.
      const head = headOf(secret);
      const bytes = Buffer.from(head, 'utf8');
      // 9 bytes are the first 12 characters of base64, 6 those of hex.
      const prefixes = [head.slice(0, LONG_PREFIX), bytes.toString('base64', 0, 9), bytes.toString('base64url', 0, 9), bytes.toString('hex', 0, 6), safeUriEncode(head).slice(0, LONG_PREFIX)];
      const lists: Form[][] = [];
      for (let kind = 0; kind < FORMS; kind++) {
        const prefix = prefixes[kind]!;
        const form: Form = { secret, kind, text: kind === RAW ? secret : null };
        // Forms often share a prefix (base64 and base64url; a token and its URL encoding): one lookup.
        const same = prefixes.indexOf(prefix);
        let list = same < kind ? lists[same] : this.#long.get(prefix);
        if (!list) this.#long.set(prefix, (list = []));
        list.push(form);
        lists[kind] = list;
      }
      return;
    }
    let previous = '';
    for (const form of encodings(secret)) {
      // base64url is often base64, and URL-encoding often the secret itself: one entry each is enough.
      if (form === previous || (form === secret && previous !== '')) continue;
      previous = form;
      if (form.length < LONG_PREFIX) {
        const prefix = form.slice(0, MIN_SECRET);
        const list = this.#short.get(prefix);
        if (list) list.push(form);
        else this.#short.set(prefix, [form]);
      } else {
        const prefix = form.slice(0, LONG_PREFIX);
        const list = this.#long.get(prefix);
        const entry: Form = { secret, kind: RAW, text: form };
        if (list) list.push(entry);
        else this.#long.set(prefix, [entry]);
      }
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
      if (long) {
        for (const f of long) {
          const c = (f.text ??= formOf(f.secret, f.kind));
          if (i + c.length > end && text.startsWith(c, i)) end = i + c.length;
        }
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

/** A registered form of a secret; `text` is built on first use (for long secrets). */
interface Form {
  secret: string;
  kind: number;
  text: string | null;
}

const RAW = 0;
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

/** Form `kind` of `secret`, in the order of encodings(). */
function formOf(secret: string, kind: number): string {
  switch (kind) {
    case RAW:
      return secret;
    case 1:
      return Buffer.from(secret, 'utf8').toString('base64');
    case 2:
      return Buffer.from(secret, 'utf8').toString('base64url');
    case 3:
      return Buffer.from(secret, 'utf8').toString('hex');
    default:
      return safeUriEncode(secret);
  }
}

/** encodeURIComponent, or the secret itself for one that holds a lone surrogate (it throws on those). */
function safeUriEncode(secret: string): string {
  try {
    return encodeURIComponent(secret);
  } catch {
    return secret;
  }
}

function encodings(secret: string): string[] {
  const buf = Buffer.from(secret, 'utf8');
  return [secret, buf.toString('base64'), buf.toString('base64url'), buf.toString('hex'), encodeURIComponent(secret)];
}
