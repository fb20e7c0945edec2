import type { ProviderKind, TokenState, TokenView } from '../../../preload/contract';
import { KIND_NAMES, PROVIDER_NAMES } from '../shared/labels.js';

export type ProviderFilter = 'all' | ProviderKind;
export type StateFilter = 'all' | TokenState;

export interface TokenFilters {
  query: string;
  provider: ProviderFilter;
  state: StateFilter;
}

/** One token with its search text, lower-cased once per list rather than once per keystroke. */
export interface SearchEntry {
  token: TokenView;
  text: string;
}

const soonestFirst = (a: TokenView, b: TokenView): number => a.expiresAt - b.expiresAt || (a.id < b.id ? -1 : 1);

/** Each account's tokens, soonest expiry first, with their search text: once per list. */
export function bucketTokens(list: readonly TokenView[]): Map<string, SearchEntry[]> {
  const by = new Map<string, SearchEntry[]>();
  for (const t of [...list].sort(soonestFirst)) {
    const entry = { token: t, text: `${t.accountLabel}\n${t.preview}\n${KIND_NAMES[t.kind]}\n${PROVIDER_NAMES[t.provider]}`.toLowerCase() };
    const bucket = by.get(t.accountId);
    if (bucket) bucket.push(entry);
    else by.set(t.accountId, [entry]);
  }
  return by;
}

/** The buckets after search, provider and state filters, still in expiry order (empty ones left out). */
export function matchTokens(buckets: Map<string, SearchEntry[]>, filters: TokenFilters, stateOf: (t: TokenView) => TokenState): Map<string, TokenView[]> {
  const q = filters.query.trim().toLowerCase();
  const { provider, state } = filters;
  const out = new Map<string, TokenView[]>();
  for (const [accountId, entries] of buckets) {
    const kept: TokenView[] = [];
    for (const e of entries) {
      const t = e.token;
      if (provider !== 'all' && t.provider !== provider) continue;
      if (q !== '' && !e.text.includes(q)) continue;
      if (state !== 'all' && stateOf(t) !== state) continue;
      kept.push(t);
    }
    if (kept.length > 0) out.set(accountId, kept);
  }
  return out;
}
