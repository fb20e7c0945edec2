import type { Clock } from '../../clock.js';
import { AppError } from '../../errors.js';
import { parseServerDate } from '../../http/serverDate.js';
import { providerRequest, type ProviderRequestOptions } from '../providerRequest.js';
import type { LeftoverSink, RevokeOutcome } from '../types.js';
import type { AzionCall } from './azionCall.js';
import { azionError, isRecord, unconfirmedAzionRevoke } from './azionErrors.js';

/** Azion answers 406 to a missing or wrong version; v3 is what its CLI and docs use. */
export const AZION_ACCEPT = 'application/json; version=3';

export interface SessionToken {
  token: string;
  createdAt: number;
  expiresAt: number;
}

interface SessionDeps {
  call: AzionCall;
  clock: Clock;
}

/**
 * `Basic base64(utf8(email:password))`, with no trailing newline: the docs' `echo … | base64`
 * example adds one, which Azion then reads as part of the password. UTF-8 is Buffer.from's own encoding.
 */
export function basicAuth(email: string, password: string): string {
  return `Basic ${Buffer.from(`${email}:${password}`).toString('base64')}`;
}

/** Azion's session calls carry no body but name one: Accept, then Content-Type, then Basic auth. */
function sessionOptions(email: string, password: string, signal: AbortSignal | undefined): ProviderRequestOptions {
  return { accept: AZION_ACCEPT, headers: { 'Content-Type': 'application/json', Authorization: basicAuth(email, password) }, signal };
}

/** POST {authBase}/tokens with Basic auth → a 24 h session token. 200 and 201 both mean created. */
export async function createSessionToken(
  deps: SessionDeps,
  args: { authBase: string; email: string; password: string; signal?: AbortSignal; leftover?: LeftoverSink },
): Promise<SessionToken> {
  const res = await deps.call(providerRequest('POST', args.authBase, '/tokens', sessionOptions(args.email, args.password, args.signal)));
  // Stryker disable next-line StringLiteral: equivalent, azionError reads any credential but 'personal-token' and 'session-token' as the password
  if (res.status !== 200 && res.status !== 201) throw azionError(res, 'password', deps.clock.now(), [args.password]);

  const body = res.json();
  const token = isRecord(body) && typeof body['token'] === 'string' ? body['token'].trim() : '';
  const expiresAt = isRecord(body) && typeof body['expires_at'] === 'string' ? parseServerDate(body['expires_at']) : undefined;
  if (!token || expiresAt === undefined) {
    // A token we cannot date would sit untracked for 24 h: take it back before reporting.
    if (token) {
      // Undated: Azion session tokens live 24 h, so the queue keeps trying that long.
      const until = deps.clock.now() + 24 * 3_600_000;
      await revokeSessionToken(deps, { authBase: args.authBase, email: args.email, password: args.password, token }).catch((e: unknown) =>
        args.leftover?.({ kind: 'azion-session', value: token, expiresAt: until, meta: { base: args.authBase } }, e),
      );
    }
    throw new AppError(
      'BAD_RESPONSE',
      `Azion (${res.host}) answered without a usable token or expiry date. Check the account's authentication base URL, then try again.`,
    );
  }
  const createdAt = isRecord(body) && typeof body['created_at'] === 'string' ? parseServerDate(body['created_at']) : undefined;
  return { token, createdAt: createdAt ?? deps.clock.now(), expiresAt };
}

/** DELETE {authBase}/tokens/{token} with Basic auth → 204; 404 means unknown or expired: already gone. */
export async function revokeSessionToken(
  deps: SessionDeps,
  args: { authBase: string; email: string; password: string; token: string; signal?: AbortSignal },
): Promise<RevokeOutcome> {
  const res = await deps.call(
    providerRequest('DELETE', args.authBase, `/tokens/${encodeURIComponent(args.token)}`, sessionOptions(args.email, args.password, args.signal)),
  );
  // Azion confirms a delete with 204 only; a 200 (a proxy's page, a captive portal) confirms nothing.
  if (res.status === 204) return 'revoked';
  if (res.status === 404) return 'already-gone';
  if (res.status >= 200 && res.status < 300) throw unconfirmedAzionRevoke(res.host, res.status);
  // Stryker disable next-line StringLiteral: equivalent, azionError reads any credential but 'personal-token' and 'session-token' as the password
  throw azionError(res, 'password', deps.clock.now(), [args.password, args.token]);
}
