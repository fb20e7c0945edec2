import type { AuditEntry, TokenRecord, VaultData } from './types.js';

/** What one update changed, as journal operations. */
export type JournalOp =
  | { t: 'token'; token: TokenRecord }
  | { t: 'token-del'; id: string }
  | { t: 'audit'; entry: AuditEntry }
  | { t: 'ledger'; key: string; seconds: number[] | null };

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
  present: boolean;
}

/**
 * A copy-on-write view of the vault's data for one update. The mutators of the services (which were
 * written against a full copy) work unchanged, while the update costs what it touches: accounts and
 * the ledger are copied only when read, each token only when written, and the audit trail is the
 * in-memory window plus what is appended. Nothing the mutator does reaches `live`.
 */
export function trackDraft(live: VaultData): { draft: VaultData; finish(): DraftResult } {
  const states = new WeakMap<object, TokenState>();
  const set: Partial<Record<string, unknown>> = {};
  const deleted = new Set<string>();
  let tokens: TokenRecord[] | null = null;
  const tokenStates: TokenState[] = [];
  let audit: AuditEntry[] | null = null;
  let accounts: VaultData['accounts'] | null = null;
  let ledger: VaultData['oceanExpirations'] | null = null;

  const wrapToken = (target: TokenRecord): TokenRecord => {
    const st: TokenState = { target, copy: null, written: false, present: false };
    const own = (): TokenRecord => (st.copy ??= structuredClone(st.target));
    const proxy = new Proxy(target, {
      get(t, k) {
        const v = Reflect.get(st.copy ?? t, k);
        // Nested objects (meta, failure) could be edited in place: hand out the copy's.
        return v !== null && typeof v === 'object' ? Reflect.get(own(), k) : v;
      },
      set(_t, k, v) {
        st.written = true;
        return Reflect.set(own(), k, v);
      },
      deleteProperty(_t, k) {
        st.written = true;
        return Reflect.deleteProperty(own(), k);
      },
      defineProperty(_t, k, d) {
        st.written = true;
        return Reflect.defineProperty(own(), k, d);
      },
      has: (t, k) => Reflect.has(st.copy ?? t, k),
      ownKeys: (t) => Reflect.ownKeys(st.copy ?? t),
      getOwnPropertyDescriptor: (t, k) => {
        const d = Reflect.getOwnPropertyDescriptor(st.copy ?? t, k);
        return d && { ...d, configurable: true };
      },
    });
    states.set(proxy, st);
    tokenStates.push(st);
    return proxy;
  };

  const current = (key: string): unknown => {
    switch (key) {
      case 'tokens':
        return (tokens ??= live.tokens.map(wrapToken));
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
    get: (_t, k) => (typeof k === 'string' ? current(k) : undefined),
    set(_t, k, v) {
      if (typeof k !== 'string') return false;
      if (k === 'tokens') {
        tokens = v as TokenRecord[];
      } else if (k === 'audit') audit = v as AuditEntry[];
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

    if (tokens !== null) {
      const list: TokenRecord[] = [];
      for (const item of tokens) {
        const st = states.get(item);
        if (!st) {
          // A record the mutator built (a new token, or a spread copy of one): stored as it is.
          const plain = structuredClone(item);
          list.push(plain);
          ops.push({ t: 'token', token: plain });
          continue;
        }
        st.present = true;
        const changed = st.copy !== null && (st.written || JSON.stringify(st.copy) !== JSON.stringify(st.target));
        const record = changed ? st.copy! : st.target;
        if (changed) ops.push({ t: 'token', token: record });
        list.push(record);
      }
      if (tokenStates.length === live.tokens.length) {
        // Every record was wrapped when the list was first read: the ones not seen again were removed.
        for (const st of tokenStates) if (!st.present) ops.push({ t: 'token-del', id: st.target.id });
      } else {
        const kept = new Set(list.map((r) => r.id));
        for (const t of live.tokens) if (!kept.has(t.id)) ops.push({ t: 'token-del', id: t.id });
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

/** Applies journaled operations to `data` in place (replay at unlock). */
export function applyOps(data: VaultData, ops: readonly JournalOp[], index: Map<string, number>): void {
  for (const op of ops) {
    switch (op.t) {
      case 'token': {
        const at = index.get(op.token.id);
        if (at === undefined) {
          index.set(op.token.id, data.tokens.length);
          data.tokens.push(op.token);
        } else data.tokens[at] = op.token;
        break;
      }
      case 'token-del': {
        const at = index.get(op.id);
        if (at === undefined) break;
        data.tokens.splice(at, 1);
        index.clear();
        data.tokens.forEach((t, i) => index.set(t.id, i));
        break;
      }
      case 'audit':
        data.audit.push(op.entry);
        data.auditHead = { seq: op.entry.seq, hash: op.entry.hash };
        break;
      case 'ledger':
        if (op.seconds === null) delete data.oceanExpirations[op.key];
        else data.oceanExpirations[op.key] = op.seconds;
        break;
    }
  }
}

/**
 * A plain, independent copy of a record read inside an update. Use it, not structuredClone, to hand a
 * record out of a mutator: the draft's records are proxies, which structuredClone refuses.
 */
export function copyRecord<T>(record: T): T {
  return JSON.parse(JSON.stringify(record)) as T;
}
