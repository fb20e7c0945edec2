import type { AccountPatch } from '../../../preload/contract.js';
import { AppError } from '../errors.js';
import type { AccountRecord } from '../vault/vaultRecords.js';
import { parseBaseUrl } from './parseBaseUrl.js';

/** One endpoint of an account moving to another origin (scheme, host or port). */
export interface OriginMove {
  field: 'authBase' | 'apiBase' | 'checkBase' | 'providerUrl';
  from: string;
  to: string;
}

const WHAT: Record<OriginMove['field'], string> = {
  authBase: 'auth base URL',
  apiBase: 'API base URL',
  checkBase: 'check base URL',
  providerUrl: 'provider URL',
};

function originOf(url: string): string {
  return new URL(url).origin;
}

/**
 * The endpoints this patch moves to a new origin. A path-only change (same scheme, host and port)
 * is not a move: the secret still goes to the server it was entered for.
 */
export function originMoves(account: AccountRecord, patch: AccountPatch): OriginMove[] {
  const moves: OriginMove[] = [];
  const config = account.config as unknown as Record<string, unknown>;
  const fields: OriginMove['field'][] = account.config.kind === 'azion' ? ['authBase', 'apiBase', 'checkBase'] : ['providerUrl'];
  for (const field of fields) {
    const next = patch[field];
    const current = config[field];
    if (next === undefined || typeof current !== 'string') continue;
    const to = parseBaseUrl(next, WHAT[field]);
    if (originOf(to) !== originOf(current)) moves.push({ field, from: current, to });
  }
  return moves;
}

/**
 * A secret is bound to the origin it was entered for: moving an endpoint needs every secret the
 * account stores re-entered in the same call, so a script in the window, which never sees them,
 * cannot send them somewhere new.
 */
export function requireReenteredSecrets(account: AccountRecord, patch: AccountPatch): void {
  const missing: string[] = [];
  const s = account.secrets;
  if (s.kind === 'azion') {
    if (s.password && !patch.password) missing.push('password');
    if (s.personalToken && !patch.personalToken) missing.push('personal token');
  } else if (!patch.key) {
    missing.push('private key (or keystore file)');
  }
  if (missing.length > 0) {
    throw new AppError(
      'SECRET_REQUIRED',
      `This moves the account to a new server, so its ${missing.join(' and ')} must be entered again in the same form. Nothing was changed.`,
      // Stryker disable next-line ObjectLiteral: SECRET_REQUIRED is not retryable by default either; the option says so where it is thrown
      { retryable: false },
    );
  }
}

/** What main's dialog says: each endpoint with its old and new host, and what will be sent there. */
export function originPrompt(account: AccountRecord, moves: readonly OriginMove[]): { title: string; message: string; detail: string } {
  const host = (url: string): string => new URL(url).host;
  const lines = moves.map((m) => `${WHAT[m.field]}: ${host(m.from)} → ${host(m.to)} (${m.to})`);
  const sent =
    account.config.kind === 'azion'
      ? 'Your Azion email, password or personal token, and the tokens minted with them, will be sent to the new server.'
      : 'Your Ethereum key will sign requests for the new server; the signatures prove you control this address.';
  return {
    title: 'Send a secret to a new server?',
    message: `"${account.label}" will connect to a different server.`,
    detail: `${lines.join('\n')}\n\n${sent} Confirm only if you typed this address yourself.`,
  };
}
