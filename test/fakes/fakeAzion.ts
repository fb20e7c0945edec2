/**
 * A fake Azion API on 127.0.0.1 (main/core/providers/azion/azion.md): session tokens with Basic auth (POST/DELETE /tokens),
 * personal tokens with paging (/iam/personal_tokens), `/user/me`, DRF error texts, both date
 * formats, the 200-a-minute rate limit, and scripted 429s / HTML 502s / slow answers.
 * One server plays authBase, apiBase and checkBase at once.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Clock } from '../../main/core/clock.js';
import { BAD_PASSWORD, acceptVersion, azionDate, parseBasic, parseToken, resetHeader, unauthorized } from './fakeAzionAuth.js';
import { type FakeResponse, type FakeServer, type ReceivedRequest, jsonBody, startFakeServer } from './fakeHttp.js';

export interface FakeAzionAccount {
  email: string;
  password: string;
  id: number;
}

interface Session {
  email: string;
  createdAt: number;
  expiresAt: number;
}

export interface FakePersonalToken {
  uuid: string;
  key: string;
  name: string;
  description: string;
  email: string;
  created: number;
  expiresAt: number;
}

export interface FakeAzionBehaviour {
  /** Azion documents 201 but sometimes answers 200. */
  createStatus: 200 | 201;
  /** 'auto' follows the Accept version (2 → v2 dates, 3 → v3 dates). */
  dateFormat: 'auto' | 2 | 3;
  /** Which of the two a wrong password gets (UNVERIFIED upstream). */
  wrongPasswordStatus: 401 | 403;
  /** Requests allowed per clock minute before automatic 429s. */
  rateLimitPerMinute: number;
  /** What a personal-token create answers: 201 as documented, or 200 (UNVERIFIED, as for sessions). */
  personalCreateStatus: 200 | 201;
  /** 'bare' is v3's `{uuid, key, …}`; 'results' wraps the created token as v4 does (`{"results": {…}}`). */
  personalEnvelope: 'bare' | 'results';
  /** Fields the create answer leaves out although the token IS created (a truncating proxy, a changed API). */
  personalAnswerOmits: readonly ('key' | 'uuid' | 'created' | 'expires_at')[];
}

export interface FakeAzion extends FakeServer {
  behaviour: FakeAzionBehaviour;
  addAccount(email: string, password: string): FakeAzionAccount;
  /** Live session tokens (value → owner and expiry). */
  sessions(): Map<string, Session>;
  personalTokens(): FakePersonalToken[];
  /** Answers the next matching request with 429; with `retryAfterSeconds` and/or a reset time, or neither. */
  throttleNext(opts?: { retryAfterSeconds?: number; resetInMs?: number; v4?: boolean; times?: number; path?: string }): void;
  /** Answers the next request with a proxy's HTML 502 page. */
  badGatewayNext(): void;
}

const SESSION_LIFETIME_MS = 24 * 60 * 60_000;
const PERSONAL_MAX = Date.UTC(2038, 1, 9, 23, 59, 59);
const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export async function startFakeAzion(options: { clock?: Clock; accounts?: { email: string; password: string }[]; tls?: { key: string; cert: string } } = {}): Promise<FakeAzion> {
  const now = (): number => options.clock?.now() ?? Date.now();
  const accounts = new Map<string, FakeAzionAccount>();
  const sessions = new Map<string, Session>();
  const personal = new Map<string, FakePersonalToken>();
  const behaviour: FakeAzionBehaviour = { createStatus: 201, dateFormat: 'auto', wrongPasswordStatus: 401, rateLimitPerMinute: 200,
    personalCreateStatus: 201, personalEnvelope: 'bare', personalAnswerOmits: [] };
  let window = { minute: -1, count: 0 };

  const addAccount = (email: string, password: string): FakeAzionAccount => {
    const account = { email, password, id: 1000 + accounts.size };
    accounts.set(email, account);
    return account;
  };
  for (const a of options.accounts ?? []) addAccount(a.email, a.password);

  const dateVersion = (accept: 2 | 3): 2 | 3 => (behaviour.dateFormat === 'auto' ? accept : behaviour.dateFormat);

  /** Who a `Token` credential belongs to: a live session token or a live personal token key. */
  const tokenOwner = (key: string): string | undefined => {
    const s = sessions.get(key);
    if (s && now() <= s.expiresAt) return s.email;
    const p = [...personal.values()].find((t) => t.key === key);
    return p && now() <= p.expiresAt ? p.email : undefined;
  };

  const basicUser = (req: ReceivedRequest): FakeAzionAccount | FakeResponse => {
    const basic = parseBasic(req);
    if (!basic.ok) return unauthorized(basic.detail);
    const account = accounts.get(basic.email);
    if (!account || account.password !== basic.password) {
      return behaviour.wrongPasswordStatus === 401 ? unauthorized(BAD_PASSWORD) : { status: 403, body: { detail: BAD_PASSWORD } };
    }
    return account;
  };

  const tokenUser = (req: ReceivedRequest): FakeAzionAccount | FakeResponse => {
    const t = parseToken(req);
    if (!t.ok) return unauthorized(t.detail);
    const email = tokenOwner(t.key);
    const account = email === undefined ? undefined : accounts.get(email);
    return account ?? unauthorized('Invalid token.');
  };

  const throttled = (resetAt: number, extra: Record<string, string> = {}, v4 = false): FakeResponse => ({
    status: 429,
    headers: {
      'x-ratelimit-limit': String(behaviour.rateLimitPerMinute),
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': resetHeader(resetAt),
      ...extra,
    },
    body: v4
      ? { errors: [{ status: '429', code: '10010', title: 'Throttled', detail: 'Request was throttled.' }] }
      : { detail: `Request was throttled. Expected available in ${Math.max(1, Math.ceil((resetAt - now()) / 1000))} seconds.` },
  });

  function route(req: ReceivedRequest): FakeResponse {
    const minute = Math.floor(now() / 60_000);
    if (minute !== window.minute) window = { minute, count: 0 };
    if (++window.count > behaviour.rateLimitPerMinute) return throttled((minute + 1) * 60_000);

    const version = acceptVersion(req);
    if (typeof version !== 'number') return version;
    const { method, path } = req;

    if (method === 'POST' && path === '/tokens') {
      const user = basicUser(req);
      if (!('id' in user)) return user;
      const token = randomBytes(20).toString('hex');
      const createdAt = now();
      sessions.set(token, { email: user.email, createdAt, expiresAt: createdAt + SESSION_LIFETIME_MS });
      const v = dateVersion(version);
      return { status: behaviour.createStatus, body: { token, created_at: azionDate(createdAt, v), expires_at: azionDate(createdAt + SESSION_LIFETIME_MS, v) } };
    }
    const tokenPath = /^\/tokens\/([^/]+)$/.exec(path);
    if (method === 'DELETE' && tokenPath) {
      const user = basicUser(req);
      if (!('id' in user)) return user;
      const token = decodeURIComponent(tokenPath[1] ?? '');
      const s = sessions.get(token);
      if (!s || s.email !== user.email || now() > s.expiresAt) return { status: 404, body: { detail: 'Not found.' } };
      sessions.delete(token);
      return { status: 204 };
    }
    if (method === 'GET' && path === '/user/me') {
      const user = tokenUser(req);
      if (!('id' in user)) return user;
      return { status: 200, body: { results: { id: user.id, client_id: `c${user.id}`, email: user.email, first_name: 'Fake', last_name: 'User' } } };
    }
    if (path === '/iam/personal_tokens' || path.startsWith('/iam/personal_tokens/')) return personalRoute(req);
    return { status: 404, body: { detail: 'Not found.' } };
  }

  function personalRoute(req: ReceivedRequest): FakeResponse {
    const user = tokenUser(req);
    if (!('id' in user)) return user;
    const mine = [...personal.values()].filter((t) => t.email === user.email);
    if (req.method === 'POST' && req.path === '/iam/personal_tokens') {
      const body = jsonBody(req);
      const errors: Record<string, string[]> = {};
      const name = body?.['name'];
      const expires = body?.['expires_at'];
      if (typeof name !== 'string' || !name.trim()) errors['name'] = ['This field is required.'];
      const expiresAt = typeof expires === 'string' ? Date.parse(expires) : NaN;
      if (expires === undefined) errors['expires_at'] = ['This field is required.'];
      else if (!Number.isFinite(expiresAt) || !/(Z|[+-]\d{2}:\d{2})$/.test(String(expires))) errors['expires_at'] = ['Datetime has wrong format.'];
      else if (expiresAt <= now() || expiresAt > PERSONAL_MAX) errors['expires_at'] = ['Expiration date must be in the future and before 2038-02-10.'];
      if (Object.keys(errors).length > 0) return { status: 400, body: errors };
      const key = `azion${Array.from(randomBytes(35), (b) => ALNUM[b % ALNUM.length]).join('')}`;
      const t: FakePersonalToken = {
        uuid: randomUUID(), key, name: String(name), description: typeof body?.['description'] === 'string' ? body['description'] : '',
        email: user.email, created: now(), expiresAt,
      };
      personal.set(t.uuid, t);
      const answer: Record<string, unknown> = { ...publicView(t, user.id), key };
      for (const field of behaviour.personalAnswerOmits) delete answer[field];
      return { status: behaviour.personalCreateStatus, body: behaviour.personalEnvelope === 'results' ? { results: answer } : answer };
    }
    if (req.method === 'GET' && req.path === '/iam/personal_tokens') {
      const size = clampInt(req.query.get('page_size'), 10, 1, 100);
      const page = clampInt(req.query.get('page'), 1, 1, Number.MAX_SAFE_INTEGER);
      const totalPages = Math.max(1, Math.ceil(mine.length / size));
      if (page > totalPages) return { status: 404, body: { detail: 'Invalid page.' } };
      // DRF builds absolute links from the Host header.
      const link = (p: number): string | null => (p < 1 || p > totalPages ? null : `http://${req.headers['host'] ?? ''}/iam/personal_tokens?page=${p}&page_size=${size}`);
      const results = mine.sort((a, b) => a.created - b.created).slice((page - 1) * size, page * size).map((t) => publicView(t, user.id));
      return { status: 200, body: { count: mine.length, total_pages: totalPages, links: { previous: link(page - 1), next: link(page + 1) }, results } };
    }
    const uuid = /^\/iam\/personal_tokens\/([^/]+)$/.exec(req.path)?.[1];
    if (req.method === 'DELETE' && uuid) {
      const t = personal.get(decodeURIComponent(uuid));
      if (!t || t.email !== user.email) return { status: 404, body: { detail: 'Not found.' } };
      personal.delete(t.uuid);
      return { status: 204 };
    }
    return { status: 405, body: { detail: `Method "${req.method}" not allowed.` } };
  }

  const server = await startFakeServer({ ...(options.clock ? { clock: options.clock } : {}), ...(options.tls ? { tls: options.tls } : {}), handler: route });

  return Object.assign(server, {
    behaviour,
    addAccount,
    sessions: () => sessions,
    personalTokens: () => [...personal.values()],
    throttleNext(opts: { retryAfterSeconds?: number; resetInMs?: number; v4?: boolean; times?: number; path?: string } = {}) {
      const extra: Record<string, string> = opts.retryAfterSeconds === undefined ? {} : { 'retry-after': String(opts.retryAfterSeconds) };
      const answer = throttled(now() + (opts.resetInMs ?? 60_000), extra, opts.v4);
      if (opts.resetInMs === undefined) delete answer.headers?.['x-ratelimit-reset'];
      server.failNext({ ...answer, times: opts.times ?? 1, ...(opts.path ? { match: { path: opts.path } } : {}) });
    },
    badGatewayNext() {
      server.failNext({ status: 502, headers: { 'content-type': 'text/html' }, body: '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>' });
    },
  });
}

function publicView(t: FakePersonalToken, userId: number): Record<string, unknown> {
  return { uuid: t.uuid, name: t.name, user_id: userId, created: new Date(t.created).toISOString(), expires_at: new Date(t.expiresAt).toISOString(), description: t.description };
}

function clampInt(raw: string | null, fallback: number, min: number, max: number): number {
  const n = raw === null ? fallback : Number.parseInt(raw, 10);
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
}
