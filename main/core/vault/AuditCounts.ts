
/** The counts as the sealed payload holds them (format 2 since the compact form). */
export interface EncodedCounts {
  first: number;
  last: number;
  count: number;
  /** The actions and account ids the tally names, each once. */
  names: string[];
  /** Triples: the action's index in names, the account's index (-1: no account), how many entries. */
  tally: number[];
}

type Entry = { seq: number; action: string; accountId?: string | undefined };
const NO_ACCOUNT = -1;
const isInt = (v: unknown): v is number => Number.isInteger(v);

/**
 * How many audit entries of a closed journal match each filter, so a filtered page can skip whole
 * segments: one count per (action, account) pair, from which the counts by action and by account
 * are sums. Kept in the compact form the payload holds: a vault with years of history lists a hundred
 * segments, and the tallies as objects keyed by account id and `action\0account` were half of a 6 MB
 * payload that unlock parsed and checked before it could finish; as indices and numbers they parse in
 * a fraction of that, and nothing is built from them until a filtered page asks.
 */
export class AuditCounts {
  first = 0;
  last = 0;
  count = 0;
  readonly #names: string[];
  readonly #tally: number[];
  /** Built on first use: name → index, and pair → position of its count in the tally. */
  #nameAt: Map<string, number> | undefined;
  #pairAt: Map<number, number> | undefined;
  /** Built on first use: entries per action index and per account index, so a one-filter count is a lookup. */
  #byAction: Map<number, number> | undefined;
  #byAccount: Map<number, number> | undefined;

  private constructor(names: string[], tally: number[]) {
    this.#names = names;
    this.#tally = tally;
  }

  static empty(): AuditCounts {
    return new AuditCounts([], []);
  }

  add(e: Entry): void {
    if (this.count === 0) this.first = e.seq;
    this.last = e.seq;
    this.count++;
    const action = this.#index(e.action, true);
    const account = e.accountId === undefined ? NO_ACCOUNT : this.#index(e.accountId, true);
    const pairs = this.#pairs();
    const key = pairKey(action, account);
    const at = pairs.get(key);
    if (at === undefined) {
      pairs.set(key, this.#tally.length);
      this.#tally.push(action, account, 1);
    } else {
      this.#tally[at + 2]!++;
    }
    if (this.#byAction) bump(this.#byAction, action, 1);
    // Stryker disable next-line ConditionalExpression: a count under NO_ACCOUNT would never be asked for (a query's account is a name's index)
    if (this.#byAccount && account !== NO_ACCOUNT) bump(this.#byAccount, account, 1);
  }

  /** Entries matching the filter: an action, an account, both, or neither (all of them). */
  of(q: { action?: string; accountId?: string }): number {
    if (q.action === undefined && q.accountId === undefined) return this.count;
    const action = q.action === undefined ? undefined : this.#index(q.action, false);
    const account = q.accountId === undefined ? undefined : this.#index(q.accountId, false);
    // Stryker disable next-line ConditionalExpression,LogicalOperator: a shortcut; without it a name never seen (index NO_MATCH, negative) finds no pair and no sum, so the answer is 0 all the same
    if (action === NO_MATCH || account === NO_MATCH) return 0;
    if (action !== undefined && account !== undefined) {
      const at = this.#pairs().get(pairKey(action, account));
      return at === undefined ? 0 : this.#tally[at + 2]!;
    }
    this.#sums();
    return (action === undefined ? this.#byAccount!.get(account!) : this.#byAction!.get(action)) ?? 0;
  }

  #sums(): void {
    // Stryker disable next-line ConditionalExpression,LogicalOperator: a cache; rebuilt each time from the tally the sums are the same (both maps are set together)
    if (this.#byAction && this.#byAccount) return;
    this.#byAction = new Map();
    this.#byAccount = new Map();
    const t = this.#tally;
    // Stryker disable next-line EqualityOperator: one step past the end adds under key undefined, which no query asks for
    for (let i = 0; i < t.length; i += 3) {
      bump(this.#byAction, t[i]!, t[i + 2]!);
      // Stryker disable next-line ConditionalExpression,ArithmeticOperator: a count under NO_ACCOUNT (or a count's value, never -1) is never asked for
      if (t[i + 1] !== NO_ACCOUNT) bump(this.#byAccount, t[i + 1]!, t[i + 2]!);
    }
  }

  /** An independent copy: the counts of a journal being closed, while the live ones may go on counting. */
  clone(): AuditCounts {
    const c = new AuditCounts(this.#names.slice(), this.#tally.slice());
    c.first = this.first;
    c.last = this.last;
    c.count = this.count;
    return c;
  }

  encode(): EncodedCounts {
    return { first: this.first, last: this.last, count: this.count, names: this.#names.slice(), tally: this.#tally.slice() };
  }

  /** The counts from the payload, or null when they are not well formed (which the caller reports as damage). */
  static decode(raw: unknown): AuditCounts | null {
    if (isEncoded(raw)) {
      const c = new AuditCounts(raw.names, raw.tally);
      c.first = raw.first;
      c.last = raw.last;
      c.count = raw.count;
      return c;
    }
    return isLegacy(raw) ? fromLegacy(raw) : null;
  }

  #index(name: string, create: boolean): number {
    this.#nameAt ??= new Map(this.#names.map((n, i) => [n, i]));
    let i = this.#nameAt.get(name);
    if (i === undefined) {
      if (!create) return NO_MATCH;
      i = this.#names.push(name) - 1;
      this.#nameAt.set(name, i);
    }
    return i;
  }

  #pairs(): Map<number, number> {
    // Stryker disable next-line ConditionalExpression: a cache; rebuilt each time from the tally it holds the same pairs
    if (!this.#pairAt) {
      this.#pairAt = new Map();
      // Stryker disable next-line EqualityOperator: one step past the end maps key NaN, which no pair has
      for (let i = 0; i < this.#tally.length; i += 3) this.#pairAt.set(pairKey(this.#tally[i]!, this.#tally[i + 1]!), i);
    }
    return this.#pairAt;
  }
}

const NO_MATCH = -2;
const bump = (m: Map<number, number>, k: number, n: number): void => void m.set(k, (m.get(k) ?? 0) + n);
/** Indices are below 2^20 (a million distinct names in one segment of at most a few thousand entries). */
// Stryker disable next-line ArithmeticOperator: each of the three variants still maps every pair of indices below 2^20 to a key of its own
const pairKey = (action: number, account: number): number => action * 0x100000 + (account + 1);

const ENCODED_KEYS = 5;

/**
 * Every triple names an action and an account (or none) the names list holds, each pair once, with a
 * count of at least one, and the counts add up to the entries: a tally that disagrees with itself is
 * damage, not a filter that quietly skips a segment.
 */
function isEncoded(v: unknown): v is EncodedCounts {
  // Stryker disable next-line ConditionalExpression: a string or number has none of the five fields, so the checks below refuse it all the same
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const c = v as Record<string, unknown>;
  // Five keys, each of the five checked below: exactly these.
  if (Object.keys(c).length !== ENCODED_KEYS) return false;
  const { first, last, count, names, tally } = c;
  // A negative count never equals the sum of counts of at least one, checked last.
  if (!isInt(first) || !isInt(last) || !isInt(count)) return false;
  // A tally whose length is not a multiple of 3 ends in an incomplete triple, which fails isInt below.
  if (!Array.isArray(names) || !Array.isArray(tally) || names.length >= 0x100000) return false;
  for (const n of names) if (typeof n !== 'string') return false;
  let sum = 0;
  const seen = new Set<number>();
  for (let i = 0; i < tally.length; i += 3) {
    const [a, b, n] = [tally[i], tally[i + 1], tally[i + 2]];
    if (!isInt(a) || !isInt(b) || !isInt(n) || a < 0 || a >= names.length || b < NO_ACCOUNT || b >= names.length || n < 1) return false;
    const key = pairKey(a, b);
    if (seen.has(key)) return false;
    seen.add(key);
    sum += n;
  }
  return sum === count;
}

/** The form written before the compact one: tallies as objects keyed by action, account and `action\0account`. */
interface LegacyCounts {
  first: number;
  last: number;
  count: number;
  byAction: Record<string, number>;
  byAccount: Record<string, number>;
  byBoth: Record<string, number>;
}
const LEGACY_KEYS = 6;

function isTally(v: unknown): v is Record<string, number> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  for (const k in v) if (!isInt((v as Record<string, unknown>)[k])) return false;
  return true;
}

function isLegacy(v: unknown): v is LegacyCounts {
  // Stryker disable next-line ConditionalExpression: a string or number has none of the six fields, so the checks below refuse it all the same
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const c = v as Record<string, unknown>;
  return (
    // Six keys, each of the six checked here: exactly these. A negative count never matches the
    // entries fromLegacy adds up.
    Object.keys(c).length === LEGACY_KEYS &&
    isInt(c['first']) &&
    isInt(c['last']) &&
    isInt(c['count']) &&
    isTally(c['byAction']) &&
    isTally(c['byAccount']) &&
    isTally(c['byBoth'])
  );
}

/** Exact: the pairs from byBoth, and each action's entries without an account as what byBoth leaves of byAction. */
function fromLegacy(raw: LegacyCounts): AuditCounts | null {
  const c = AuditCounts.empty();
  const put = (action: string, accountId: string | undefined, n: number, seq: number): void => {
    for (let i = 0; i < n; i++) c.add({ seq, action, accountId });
  };
  const withAccount: Record<string, number> = {};
  for (const [key, n] of Object.entries(raw.byBoth)) {
    const cut = key.indexOf('\0');
    if (cut < 0 || n < 1) return null;
    const action = key.slice(0, cut);
    withAccount[action] = (withAccount[action] ?? 0) + n;
    put(action, key.slice(cut + 1), n, raw.first);
  }
  for (const [action, n] of Object.entries(raw.byAction)) {
    const rest = n - (withAccount[action] ?? 0);
    if (rest < 0) return null;
    put(action, undefined, rest, raw.first);
  }
  if (c.count !== raw.count) return null;
  const accounts = Object.entries(raw.byAccount);
  let withAccounts = 0;
  for (const [accountId, n] of accounts) {
    if (c.of({ accountId }) !== n) return null;
    withAccounts += n;
  }
  if (withAccounts !== Object.values(withAccount).reduce((a, b) => a + b, 0)) return null;
  c.first = raw.first;
  c.last = raw.last;
  return c;
}
