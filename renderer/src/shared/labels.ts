import { AZION_PERSONAL_MAX_EXPIRY, type AuditAction, type CopyFormat, type ProviderKind, TOKEN_HEADER_NAMES, type TokenKind, type TokenState } from '../../../preload/contract';

export const PROVIDER_NAMES: Record<ProviderKind, string> = { azion: 'Azion', ocean: 'Ocean' };

export const KIND_NAMES: Record<TokenKind, string> = {
  'azion-session': 'Session token',
  'azion-personal': 'Personal token',
  'ocean-provider': 'Provider token',
  'ocean-node': 'Node token',
};

/** Every state has a word, never colour alone. */
export const STATE_LABELS: Record<TokenState, string> = {
  active: 'Active',
  expiring: 'Expiring',
  expired: 'Expired',
  revoking: 'Revoking…',
  revoked: 'Revoked',
  revoke_failed: 'Revoke failed',
};

export const STATE_ORDER: readonly TokenState[] = ['active', 'expiring', 'expired', 'revoking', 'revoked', 'revoke_failed'];

export const COPY_FORMAT_LABELS: Record<CopyFormat, { name: string; hint: string }> = {
  raw: { name: 'Token only', hint: 'the bare value' },
  header: { name: 'Authorization header', hint: 'ready for an HTTP client' },
  curl: { name: 'curl command', hint: 'a request with the header set' },
  export: { name: 'Shell export', hint: 'export TOKEN=…' },
};

/** A copy format's label for one kind of token: the header one names the header it copies. */
export function copyFormatLabel(format: CopyFormat, kind: TokenKind | undefined): { name: string; hint: string } {
  const label = COPY_FORMAT_LABELS[format];
  if (kind === undefined) return label;
  const header = TOKEN_HEADER_NAMES[kind];
  if (format === 'header') return { ...label, name: `${header} header` };
  if (format === 'curl') return { ...label, hint: `checks the token · ${header}` };
  return label;
}

export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  mint: 'Mint',
  renew: 'Renew',
  copy: 'Copy',
  reveal: 'Reveal',
  revoke: 'Revoke',
  fail: 'Failure',
  unlock: 'Unlock',
  lock: 'Lock',
  account: 'Account',
  agent: 'Command line',
};

export { AZION_DEFAULTS } from '../../../preload/contract';

/** Azion's console offers these personal-token lifetimes, and custom dates up to this day. */
export const AZION_PERSONAL_DAYS = [1, 7, 15, 30, 90, 365] as const;
/** The last day Azion takes for a personal token, as a date input's value. */
export const AZION_MAX_DATE = new Date(AZION_PERSONAL_MAX_EXPIRY).toISOString().slice(0, 10);

/** A person's name for Electron safeStorage's backend string. */
export function keychainName(backend: string): string {
  switch (backend) {
    case 'keychain':
      return 'macOS Keychain';
    case 'dpapi':
      return 'Windows (DPAPI)';
    case 'gnome_libsecret':
      return 'Secret Service (GNOME Keyring)';
    case 'kwallet':
    case 'kwallet5':
    case 'kwallet6':
      return 'KWallet';
    case 'basic_text':
      return 'basic_text (no real protection)';
    default:
      return backend || 'unknown';
  }
}
