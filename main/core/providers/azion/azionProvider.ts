import type { Clock } from '../../clock.js';
import { AppError, isAppError } from '../../errors.js';
import type { HttpClient, HttpRequest } from '../../http/httpTypes.js';
import { createClockSleep, type Sleep } from '../../http/sleep.js';
import type { AzionConfig, AzionSecrets } from '../../vault/vaultRecords.js';
import { providerRequest } from '../providerRequest.js';
import type { CheckOutcome, LeftoverSink, MintedToken, MintRequest, Provider, RevokeOutcome, RevokeRequest, StoredTokenRef } from '../types.js';
import { createAzionCall, DEFAULT_RATE_LIMIT_POLICY, type RateLimitPolicy } from './azionCall.js';
import { azionError, isRecord } from './azionErrors.js';
import {
  AZION_PERSONAL_DEFAULT_DAYS,
  type AzionAuth,
  createPersonalToken,
  requirePersonalExpiry,
  revokePersonalToken,
} from './azionPersonal.js';
import { AZION_ACCEPT, createSessionToken, revokeSessionToken } from './azionSession.js';

export interface AzionProviderDeps {
  http: HttpClient;
  clock: Clock;
  /** How 429 waits happen; defaults to the Clock, so a FakeClock drives them in tests. */
  sleep?: Sleep;
  rateLimit?: RateLimitPolicy;
}

/** Non-secret facts a minted Azion token keeps, so revoke reaches the server that issued it. */
const META_BASE = 'base';

/**
 * Azion API tokens (azion.md): 24 h session tokens from email + password, and personal tokens
 * created through a session token (or through a pasted personal token, for SSO/MFA users) and
 * revoked by uuid. `check` asks `/user/me`.
 */
export function createAzionProvider(deps: AzionProviderDeps): Provider {
  const sleep = deps.sleep ?? createClockSleep(deps.clock);
  const call = createAzionCall({ http: deps.http, clock: deps.clock, sleep, policy: deps.rateLimit ?? DEFAULT_RATE_LIMIT_POLICY });
  const ctx = { call, clock: deps.clock };

  /** A fresh 24 h session token from the account's email and password. */
  function openSession(config: AzionConfig, password: string, signal: AbortSignal | undefined, leftover: LeftoverSink | undefined) {
    return createSessionToken(ctx, { authBase: config.authBase, email: config.email, password, ...(signal ? { signal } : {}), ...(leftover ? { leftover } : {}) });
  }

  /**
   * Runs `fn` with a credential for the personal-token API: the pasted personal token if there is
   * one, else a fresh session token, which is revoked afterwards so no untracked credential lingers.
   */
  async function withApiAuth<T>(
    config: AzionConfig,
    secrets: AzionSecrets,
    signal: AbortSignal | undefined,
    leftover: LeftoverSink | undefined,
    fn: (auth: AzionAuth) => Promise<T>,
  ): Promise<T> {
    if (secrets.personalToken) {
      return fn({ header: `Token ${secrets.personalToken}`, kind: 'personal-token', secret: secrets.personalToken });
    }
    const password = requirePassword(secrets);
    const session = await openSession(config, password, signal, leftover);
    try {
      return await fn({ header: `Token ${session.token}`, kind: 'session-token', secret: session.token });
    } finally {
      // Not awaited by the caller's outcome: a failed revoke goes to the vault's cleanup queue.
      await revokeSessionToken(ctx, { authBase: config.authBase, email: config.email, password, token: session.token }).catch((e: unknown) =>
        reportLeftover(leftover, { kind: 'azion-session', value: session.token, expiresAt: session.expiresAt, meta: { [META_BASE]: config.authBase } }, e),
      );
    }
  }

  return {
    kind: 'azion',

    async mint(req: MintRequest): Promise<MintedToken> {
      const { config, secrets } = azionParts(req.config, req.secrets);
      const signal = req.signal;
      if (config.mode === 'session') {
        const password = requirePassword(secrets);
        const s = await openSession(config, password, signal, req.leftover);
        return { kind: 'azion-session', value: s.token, createdAt: s.createdAt, expiresAt: s.expiresAt, meta: { [META_BASE]: config.authBase } };
      }
      const now = deps.clock.now();
      const expiresAt = req.expiresAt ?? now + AZION_PERSONAL_DEFAULT_DAYS * 86_400_000;
      const name = req.name?.trim() || `Token Vault ${new Date(now).toISOString().slice(0, 16).replace('T', ' ')}`;
      // Before a helper session is opened: a refused expiry costs no request.
      requirePersonalExpiry(now, expiresAt);
      const p = await withApiAuth(config, secrets, signal, req.leftover, (auth) =>
        createPersonalToken(ctx, { apiBase: config.apiBase, auth, name, expiresAt, ...(signal ? { signal } : {}), ...(req.leftover ? { leftover: req.leftover } : {}) }),
      );
      return {
        kind: 'azion-personal',
        value: p.key,
        serverId: p.uuid,
        createdAt: p.createdAt,
        expiresAt: p.expiresAt,
        meta: { [META_BASE]: config.apiBase, name },
      };
    },

    async revoke(req: RevokeRequest): Promise<RevokeOutcome> {
      const { config, secrets } = azionParts(req.config, req.secrets);
      const signal = req.signal;
      const { token } = req;
      if (token.kind === 'azion-session') {
        const authBase = token.meta?.[META_BASE] ?? config.authBase;
        return revokeSessionToken(ctx, { authBase, email: config.email, password: requirePassword(secrets), token: token.value, ...(signal ? { signal } : {}) });
      }
      if (token.kind !== 'azion-personal') throw new AppError('BAD_ARGUMENT', 'That token does not belong to an Azion account.');
      const uuid = token.serverId;
      if (!uuid) {
        throw new AppError('BAD_ARGUMENT', "This personal token has no Azion id stored, so Token Vault cannot revoke it. Delete it in Azion's console.");
      }
      const apiBase = token.meta?.[META_BASE] ?? config.apiBase;
      return withApiAuth(config, secrets, signal, req.leftover, (auth) => revokePersonalToken(ctx, { apiBase, auth, uuid, ...(signal ? { signal } : {}) }));
    },

    /**
     * A pasted personal token: GET /user/me with it. Email and password: POST /tokens, the only call
     * that proves them, and the session token it makes is revoked at once so nothing lingers.
     */
    async checkCredentials(req: MintRequest): Promise<void> {
      const { config, secrets } = azionParts(req.config, req.secrets);
      const signal = req.signal;
      if (secrets.personalToken) {
        const res = await call(userMe(config.checkBase, secrets.personalToken, signal));
        if (res.status !== 200) throw azionError(res, 'personal-token', deps.clock.now(), [secrets.personalToken]);
        return;
      }
      const password = requirePassword(secrets);
      const s = await createSessionToken(ctx, { authBase: config.authBase, email: config.email, password, ...(signal ? { signal } : {}), ...(req.leftover ? { leftover: req.leftover } : {}) });
      // The check has its answer either way; a session whose revoke failed goes to the caller's cleanup queue.
      await revokeSessionToken(ctx, { authBase: config.authBase, email: config.email, password, token: s.token }).catch((e: unknown) =>
        reportLeftover(req.leftover, { kind: 'azion-session', value: s.token, expiresAt: s.expiresAt, meta: { [META_BASE]: config.authBase } }, e),
      );
    },

    /** 200 → valid; 401/403 → invalid; anything else (429, 5xx, network, garbage) → unknown, never dead. */
    async check(req: RevokeRequest): Promise<CheckOutcome> {
      const { config } = azionParts(req.config, req.secrets);
      try {
        const res = await deps.http.request(userMe(config.checkBase, req.token.value, req.signal));
        if (res.status === 401 || res.status === 403) return 'invalid';
        if (res.status !== 200) return 'unknown';
        const body = res.json();
        return isRecord(body) && isRecord(body['results']) ? 'valid' : 'unknown';
      } catch (e) {
        if (isAppError(e) && (e.code === 'CANCELLED' || e.code === 'BAD_ARGUMENT')) throw e;
        return 'unknown';
      }
    },
  };
}

/** Hands a credential whose revoke failed to the caller's cleanup queue; without one, it is logged by the caller's error. */
export function reportLeftover(sink: LeftoverSink | undefined, token: StoredTokenRef, error: unknown): void {
  if (sink) sink(token, error);
}

/** GET {checkBase}/user/me with a personal token: the call that proves one (checkCredentials and check). */
function userMe(checkBase: string, personalToken: string, signal: AbortSignal | undefined): HttpRequest {
  return providerRequest('GET', checkBase, '/user/me', { accept: AZION_ACCEPT, headers: { Authorization: `Token ${personalToken}` }, signal });
}

function azionParts(config: MintRequest['config'], secrets: MintRequest['secrets']): { config: AzionConfig; secrets: AzionSecrets } {
  if (config.kind !== 'azion' || secrets.kind !== 'azion') throw new AppError('BAD_ARGUMENT', 'That account is not an Azion account.');
  return { config, secrets };
}

function requirePassword(secrets: AzionSecrets): string {
  if (!secrets.password) {
    throw new AppError(
      'BAD_CREDENTIALS',
      "This Azion account has no password stored, and Azion needs it for this. Add the password in the account settings, or paste a personal token and use personal-token mode.",
    );
  }
  return secrets.password;
}
