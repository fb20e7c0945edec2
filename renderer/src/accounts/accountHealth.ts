import type { AccountPatch, AccountView } from '../../../preload/contract';
import { describeError } from '../shared/errors.js';
import type { Session } from '../session/session.svelte.js';

/** The fields of an edit that change what Azion is asked to accept. */
const CREDENTIAL_FIELDS: ReadonlyArray<keyof AccountPatch> = ['email', 'password', 'personalToken', 'mode', 'authBase', 'apiBase', 'checkBase'];

export function touchesCredentials(patch: AccountPatch): boolean {
  return CREDENTIAL_FIELDS.some((k) => patch[k] !== undefined);
}

/**
 * Asks Azion whether it accepts an account's credentials (one call, never retried on 401/403) and
 * says what it answered; the account card keeps a failure until a check or a mint succeeds.
 */
export async function checkCredentials(session: Session, account: AccountView): Promise<void> {
  if (account.config.kind !== 'azion') return;
  session.accounts.checking[account.id] = true;
  const r = await session.api.checkAccount(account.id);
  delete session.accounts.checking[account.id];
  session.accounts.noteOutcome(account.id, r.ok ? null : r.error, session.clock.now);
  if (r.ok) {
    session.toasts.show({ kind: 'success', title: 'Credentials accepted', detail: `Azion accepted the credentials of ${account.label}.` });
    session.announce(`Azion accepted the credentials of ${account.label}.`);
    return;
  }
  const { title, detail } = describeError(r.error, session.clock.now);
  session.toasts.show({ kind: 'error', title: `${account.label}: ${title}`, detail });
  session.announce(`Azion did not accept the credentials of ${account.label}: ${detail}`);
}
