import { AZION_PERSONAL_MAX_EXPIRY } from '../../../../preload/contract.js';
import type { Clock } from '../../clock.js';
import { AppError } from '../../errors.js';
import { parseServerDate } from '../../http/serverDate.js';
import { providerRequest } from '../providerRequest.js';
import type { LeftoverSink, RevokeOutcome } from '../types.js';
import type { AzionCall } from './azionCall.js';
import { type AzionCredential, azionError, isRecord, unconfirmedAzionRevoke } from './azionErrors.js';
import { AZION_ACCEPT } from './azionSession.js';

export { AZION_PERSONAL_MAX_EXPIRY } from '../../../../preload/contract.js';
/** Azion's CLI creates 30-day personal tokens. */
export const AZION_PERSONAL_DEFAULT_DAYS = 30;

export interface PersonalToken {
  key: string;
  uuid: string;
  createdAt: number;
  expiresAt: number;
}

/** An `Authorization: Token …` value and what it is, for error wording. */
export interface AzionAuth {
  header: string;
  kind: AzionCredential;
  secret: string;
}

interface PersonalDeps {
  call: AzionCall;
  clock: Clock;
}

/** RFC 3339 in UTC, whole seconds: what Azion's API documents for `expires_at`. */
export function rfc3339Utc(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Azion takes a personal token's expiry from a minute ahead to 2038-02-09; anything else is refused before any request. */
export function requirePersonalExpiry(now: number, expiresAt: number): void {
  if (!(expiresAt > now + 60_000) || expiresAt > AZION_PERSONAL_MAX_EXPIRY) {
    throw new AppError('BAD_ARGUMENT', 'Choose an expiry for the personal token between a minute from now and 9 February 2038.');
  }
}

/** POST {apiBase}/iam/personal_tokens → 201 with `key` (shown once) and `uuid` (to revoke). */
export async function createPersonalToken(
  deps: PersonalDeps,
  args: { apiBase: string; auth: AzionAuth; name: string; expiresAt: number; signal?: AbortSignal; leftover?: LeftoverSink },
): Promise<PersonalToken> {
  const now = deps.clock.now();
  requirePersonalExpiry(now, args.expiresAt);
  const res = await deps.call(
    providerRequest('POST', args.apiBase, '/iam/personal_tokens', {
      accept: AZION_ACCEPT,
      headers: { Authorization: args.auth.header },
      json: { name: args.name, expires_at: rfc3339Utc(args.expiresAt), description: 'Created by Token Vault' },
      signal: args.signal,
    }),
  );
  if (res.status !== 201 && res.status !== 200) throw azionError(res, args.auth.kind, deps.clock.now(), [args.auth.secret]);

  const body = res.json();
  const results = isRecord(body) && isRecord(body['results']) ? body['results'] : body; // v4 wraps in `results`
  const key = isRecord(results) && typeof results['key'] === 'string' ? results['key'].trim() : '';
  const uuid = isRecord(results) && typeof results['uuid'] === 'string' ? results['uuid'].trim() : '';
  if (!key || !uuid) {
    // Without the key the token is useless to us; without the uuid we could never revoke it. The
    // message says what became of the token Azion made, so the person knows whether to go and delete it.
    const what = `Azion (${res.host}) answered without the new token's ${key ? 'id' : uuid ? 'key' : 'key and id'}`;
    if (!uuid) {
      throw new AppError('BAD_RESPONSE', `${what}, so Token Vault cannot delete it. Check Azion's console for a token named "${args.name}" and delete it, then try again.`);
    }
    const taken = await revokePersonalToken(deps, { apiBase: args.apiBase, auth: args.auth, uuid }).then(
      () => 'deleted',
      (e: unknown) => {
        if (!args.leftover) return 'left';
        args.leftover({ kind: 'azion-personal', value: '', serverId: uuid, expiresAt: args.expiresAt, meta: { base: args.apiBase } }, e);
        return 'queued';
      },
    );
    throw new AppError(
      'BAD_RESPONSE',
      taken === 'deleted'
        ? `${what}, so Token Vault deleted that token again. Try again; if it keeps happening, check that the account's API base URL points at Azion.`
        : taken === 'queued'
          ? `${what}, and deleting that token failed; Token Vault will retry the delete in the background. Try the mint again.`
          : `${what}, and deleting that token failed. Check Azion's console for a token named "${args.name}" and delete it, then try again.`,
    );
  }
  const expiresAt = isRecord(results) && typeof results['expires_at'] === 'string' ? parseServerDate(results['expires_at']) : undefined;
  const createdAt = isRecord(results) && typeof results['created'] === 'string' ? parseServerDate(results['created']) : undefined;
  // The expiry is what we asked for; if the answer's date is unreadable, ours is the truth.
  return { key, uuid, createdAt: createdAt ?? now, expiresAt: expiresAt ?? Math.floor(args.expiresAt / 1000) * 1000 };
}

/** DELETE {apiBase}/iam/personal_tokens/{uuid} → 204; 404 means already gone. */
export async function revokePersonalToken(
  deps: PersonalDeps,
  args: { apiBase: string; auth: AzionAuth; uuid: string; signal?: AbortSignal },
): Promise<RevokeOutcome> {
  const res = await deps.call(
    providerRequest('DELETE', args.apiBase, `/iam/personal_tokens/${encodeURIComponent(args.uuid)}`, {
      accept: AZION_ACCEPT,
      headers: { Authorization: args.auth.header },
      signal: args.signal,
    }),
  );
  // Azion confirms a delete with 204 only; a 200 (a proxy's page, a captive portal) confirms nothing.
  if (res.status === 204) return 'revoked';
  if (res.status === 404) return 'already-gone';
  if (res.status >= 200 && res.status < 300) throw unconfirmedAzionRevoke(res.host, res.status);
  throw azionError(res, args.auth.kind, deps.clock.now(), [args.auth.secret]);
}
