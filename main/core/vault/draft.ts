import type { JournalOp } from './journalOps.js';
import type { AuditEntry, TokenRecord, VaultData } from './vaultRecords.js';

export interface DraftResult {
  /** The data after the update, sharing every unchanged record with the data before it. */
  next: VaultData;
  ops: JournalOp[];
  /**
   * Something outside the journal changed (accounts, or a field this version does not journal):
   * the update needs a new vault file, not an append.
   */
  sealed: boolean;
}

interface TokenState {
  target: TokenRecord;
  copy: TokenRecord | null;
  written: boolean;
}

/** One handler for every token proxy of every draft; each proxy's target is its TokenState. */
const tokenHandler: ProxyHandler<TokenState> = {
  get(st, k) {
    const v = Reflect.get(st.copy ?? st.target, k);
    // Nested objects (meta, failure) could be edited in place: hand out the copy's.
    // Stryker disable next-line ConditionalExpression,LogicalOperator: reading a primitive through a copy gives the same value, and an unwritten copy equal to its target is not a change
    return v !== null && typeof v === 'object' ? Reflect.get(own(st), k) : v;
  },
  set(st, k, v) {
    st.written = true;
    return Reflect.set(own(st), k, v);
  },
  deleteProperty(st, k) {
    st.written = true;
    return Reflect.deleteProperty(own(st), k);
  },
  defineProperty(st, k, d) {
    st.written = true;
    return Reflect.defineProperty(own(st), k, d);
  },
  has: (st, k) => Reflect.has(st.copy ?? st.target, k),
  ownKeys: (st) => Reflect.ownKeys(st.copy ?? st.target),
  getOwnPropertyDescriptor: (st, k) => {
    const d = Reflect.getOwnPropertyDescriptor(st.copy ?? st.target, k);
    return d && { ...d, configurable: true };
  },
};

function own(st: TokenState): TokenRecord {
  return (st.copy ??= structuredClone(st.target));
}

function changed(st: TokenState): boolean {
  return st.copy !== null && (st.written || JSON.stringify(st.copy) !== JSON.stringify(st.target));
}

/** "0", "1", … : the keys by which array methods reach elements. */
function isIndex(k: string | symbol): k is string {
  if (typeof k !== 'string' || k.length === 0) return false;
  const c = k.charCodeAt(0);
  return c >= 48 && c <= 57;
}

/**
 * A copy-on-write view of the vault's data for one update. The mutators of the services (which were
 * written against a full copy) work unchanged, while the update costs what it touches: accounts and
 * the ledger are copied only when read, a token is wrapped only when reached and copied only when
 * written, and the audit trail is the in-memory window plus what is appended. Nothing the mutator
 * does reaches `live`.
 */
export function trackDraft(live: VaultData): { draft: VaultData; finish(): DraftResult } {
  const states = new Map<object, TokenState>();
  const proxyOf = new Map<TokenRecord, TokenRecord>();
  const set: Partial<Record<string, unknown>> = {};
  const deleted = new Set<string>();
  let shadow: TokenRecord[] | null = null;
  let moved = false;
  /** Index → proxy of each element reached through the list view. */
  const reached = new Map<number, TokenRecord>();
  let tokensView: TokenRecord[] | null = null;
  let replaced: TokenRecord[] | null = null;
  let audit: AuditEntry[] | null = null;
  let accounts: VaultData['accounts'] | null = null;
  let ledger: VaultData['oceanExpirations'] | null = null;

  const wrap = (target: TokenRecord): TokenRecord => {
    let proxy = proxyOf.get(target);
    if (!proxy) {
      const st: TokenState = { target, copy: null, written: false };
      proxy = new Proxy(st, tokenHandler) as unknown as TokenRecord;
      states.set(proxy, st);
      proxyOf.set(target, proxy);
    }
    return proxy;
  };

  // The list: a shallow copy whose elements become proxies as they are reached (by index, find, for…of).
  const tokens = (): TokenRecord[] => {
    if (replaced) return replaced;
    if (tokensView) return tokensView;
    const arr = (shadow = live.tokens.slice());
    tokensView = new Proxy(arr, {
      // Anything but reading elements (push, splice, sort, assignment) may move records: finish()
      // then compares the whole list; otherwise only the records reached can have changed.
      set(a, k, v) {
        moved = true;
        return Reflect.set(a, k, v);
      },
      deleteProperty(a, k) {
        moved = true;
        return Reflect.deleteProperty(a, k);
      },
      defineProperty(a, k, d) {
        moved = true;
        return Reflect.defineProperty(a, k, d);
      },
      get(a, k) {
        const v: unknown = Reflect.get(a, k);
        if (isIndex(k) && v !== null && typeof v === 'object' && !states.has(v)) {
          const p = wrap(v as TokenRecord);
          a[Number(k)] = p;
          reached.set(Number(k), p);
          return p;
        }
        return v;
      },
    });
    return tokensView;
  };

  const current = (key: string): unknown => {
    switch (key) {
      case 'tokens':
        return tokens();
      case 'audit':
        return (audit ??= live.audit.slice());
      case 'accounts':
        return (accounts ??= structuredClone(live.accounts));
      case 'oceanExpirations':
        return (ledger ??= structuredClone(live.oceanExpirations));
      default:
        return key in set ? set[key] : deleted.has(key) ? undefined : (live as unknown as Record<string, unknown>)[key];
    }
  };

  const draft = new Proxy(live, {
    // Stryker disable next-line ConditionalExpression: the vault data has no symbol keys, so current(symbol) is undefined too
    get: (_t, k) => (typeof k === 'string' ? current(k) : undefined),
    set(_t, k, v) {
      if (typeof k !== 'string') return false;
      if (k === 'tokens') replaced = v as TokenRecord[];
      else if (k === 'audit') audit = v as AuditEntry[];
      else if (k === 'accounts') accounts = v as VaultData['accounts'];
      else if (k === 'oceanExpirations') ledger = v as VaultData['oceanExpirations'];
      else {
        set[k] = v;
        deleted.delete(k);
      }
      return true;
    },
    deleteProperty(_t, k) {
      if (typeof k !== 'string') return false;
      delete set[k];
      deleted.add(k);
      return true;
    },
    has: (t, k) => (typeof k === 'string' && k in set) || (!deleted.has(k as string) && Reflect.has(t, k)),
    ownKeys: (t) => [...new Set([...Reflect.ownKeys(t).filter((k) => !deleted.has(k as string)), ...Object.keys(set)])],
    getOwnPropertyDescriptor: (t, k) =>
      typeof k === 'string' && (k in set || (!deleted.has(k) && Reflect.has(t, k))) ? { value: current(k), writable: true, enumerable: true, configurable: true } : undefined,
  });

  const unwrap = (v: TokenRecord): TokenRecord => {
    const st = states.get(v);
    return st ? (changed(st) ? st.copy! : st.target) : v;
  };

  const finish = (): DraftResult => {
    const ops: JournalOp[] = [];
    let sealed = deleted.size > 0 || Object.keys(set).some((k) => k !== 'auditHead');
    const next: VaultData = { ...live };
    for (const k of Object.keys(set)) (next as unknown as Record<string, unknown>)[k] = set[k];
    for (const k of deleted) delete (next as unknown as Record<string, unknown>)[k];

    if (accounts !== null && JSON.stringify(accounts) !== JSON.stringify(live.accounts)) {
      sealed = true;
      next.accounts = accounts;
    }

    const final = replaced ?? shadow;
    if (final !== null && replaced === null && !moved) {
      // Elements were only read: the list is the one before, with each record written replaced.
      const list = live.tokens.slice();
      for (const [i, v] of reached) {
        const st = states.get(v)!;
        if (!changed(st)) continue;
        list[i] = st.copy!;
        ops.push({ t: 'token', token: st.copy! });
      }
      next.tokens = list;
    } else if (final !== null) {
      const before = live.tokens;
      // The usual shape: the same records in the same places, some edited, maybe some appended.
      let inPlace = final.length >= before.length;
      for (let i = 0; inPlace && i < before.length; i++) {
        const v = final[i]!;
        inPlace = v === before[i] || states.get(v)?.target === before[i];
      }
      const list: TokenRecord[] = new Array<TokenRecord>(final.length);
      if (inPlace) {
        for (let i = 0; i < final.length; i++) {
          const v = final[i]!;
          const st = states.get(v);
          if (i >= before.length) {
            // A record the mutator built (a new token): stored as it is.
            const plain = st ? structuredClone(st.copy ?? st.target) : structuredClone(v);
            list[i] = plain;
            ops.push({ t: 'token', token: plain });
          } else if (st && changed(st)) {
            list[i] = st.copy!;
            ops.push({ t: 'token', token: st.copy! });
          } else list[i] = before[i]!;
        }
      } else {
        // Removed or reordered: compared by id.
        const byId = new Map(before.map((t) => [t.id, t]));
        for (let i = 0; i < final.length; i++) {
          const v = final[i]!;
          const record = states.has(v) ? unwrap(v) : byId.get(v.id) === v ? v : structuredClone(v);
          list[i] = record;
          if (byId.get(record.id) !== record) ops.push({ t: 'token', token: record });
        }
        const kept = new Set(list.map((r) => r.id));
        for (const t of before) if (!kept.has(t.id)) ops.push({ t: 'token-del', id: t.id });
      }
      next.tokens = list;
    }

    if (audit !== null) {
      const before = live.audit.length;
      for (let i = 0; i < Math.min(before, audit.length); i++) {
        if (audit[i] !== live.audit[i]) throw new Error('audit entries are append-only');
      }
      if (audit.length < before) throw new Error('audit entries are append-only');
      for (let i = before; i < audit.length; i++) ops.push({ t: 'audit', entry: structuredClone(audit[i]!) });
      next.audit = audit;
    }
    if ('auditHead' in set) {
      const last = next.audit[next.audit.length - 1];
      const head = set['auditHead'] as VaultData['auditHead'];
      // The head is derived from the last entry on replay; any other value cannot be journaled.
      if (!last || !head || head.seq !== last.seq || head.hash !== last.hash) sealed = true;
    }

    if (ledger !== null) {
      for (const key of new Set([...Object.keys(live.oceanExpirations), ...Object.keys(ledger)])) {
        const a = live.oceanExpirations[key];
        const b = ledger[key];
        if (JSON.stringify(a) !== JSON.stringify(b)) ops.push({ t: 'ledger', key, seconds: b ? [...b] : null });
      }
      next.oceanExpirations = ledger;
    }
    return { next, ops, sealed };
  };

  return { draft, finish };
}

/**
 * A plain, independent copy of a record read inside an update. Use it, not structuredClone, to hand a
 * record out of a mutator: the draft's records are proxies, which structuredClone refuses.
 */
export function copyRecord<T>(record: T): T {
  return JSON.parse(JSON.stringify(record)) as T;
}
