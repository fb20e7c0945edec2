import type { AccountView } from '../../../preload/contract.js';
import type { AccountRecord } from '../vault/vaultRecords.js';

/** What the window may see of an account: its configuration and which secrets exist, never their values. */
export function toAccountView(a: Readonly<AccountRecord>): AccountView {
  const s = a.secrets;
  return {
    id: a.id,
    label: a.label,
    createdAt: a.createdAt,
    config: { ...a.config },
    has: {
      password: s.kind === 'azion' && !!s.password,
      personalToken: s.kind === 'azion' && !!s.personalToken,
      privateKey: s.kind === 'ocean' && !!s.privateKey,
    },
    autoRenew: a.autoRenew,
    revokeOnRenew: a.revokeOnRenew,
    defaultCopyFormat: a.defaultCopyFormat,
    ...(a.health ? { health: { at: a.health.at, error: a.health.error && { ...a.health.error } } } : {}),
  };
}
