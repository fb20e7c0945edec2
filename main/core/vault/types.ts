/**
 * What the vault holds once decrypted. Non-secret configuration and secrets are kept apart so a view
 * can be built from the config alone, and so no code path that builds views ever touches a secret.
 */

export type AzionMode = 'session' | 'personal';

export interface AzionConfig {
  kind: 'azion';
  /** Base for POST /tokens and DELETE /tokens/:token (default https://api.azionapi.net). */
  authBase: string;
  /** Base for /iam/personal_tokens (default https://api.azionapi.net). */
  apiBase: string;
  /** Base for GET /user/me (default https://sso.azion.com/api). */
  checkBase: string;
  mode: AzionMode;
  /** Not secret; shown in views. */
  email: string;
}

export interface OceanConfig {
  kind: 'ocean';
  providerUrl: string;
  /** EIP-55 address of the key; not secret. */
  address: string;
  /** Detected from GET {providerUrl}/ when first used; 'auto' until then. */
  flavour: 'auto' | 'provider' | 'node';
}

export type AccountConfig = AzionConfig | OceanConfig;

export interface AzionSecrets {
  kind: 'azion';
  password?: string;
  /** For SSO/MFA users who cannot use Basic auth: a pasted personal token used as the credential. */
  personalToken?: string;
}

export interface OceanSecrets {
  kind: 'ocean';
  /** 0x-prefixed 32-byte hex. */
  privateKey: string;
}

export type AccountSecrets = AzionSecrets | OceanSecrets;

export type CopyFormat = 'raw' | 'header' | 'curl' | 'export';

export interface AccountRecord {
  id: string;
  label: string;
  createdAt: number;
  config: AccountConfig;
  secrets: AccountSecrets;
  autoRenew: boolean;
  /** Revoke the old token once its replacement works. */
  revokeOnRenew: boolean;
  defaultCopyFormat: CopyFormat;
}

export type TokenKind = 'azion-session' | 'azion-personal' | 'ocean-provider' | 'ocean-node';

/** Persisted lifecycle; 'expiring' and 'expired' are derived from the clock, never stored. */
export type StoredTokenState = 'active' | 'revoking' | 'revoked' | 'revoke_failed';

export interface TokenRecord {
  id: string;
  accountId: string;
  kind: TokenKind;
  value: string;
  createdAt: number;
  expiresAt: number;
  serverId?: string;
  meta?: Record<string, string>;
  state: StoredTokenState;
  revokedAt?: number;
  /** Last revoke failure, user-facing, no secrets. */
  failure?: { code: string; message: string; at: number };
  /** The token this one replaced by auto-renew. */
  renewedFrom?: string;
}

export type AuditAction = 'mint' | 'renew' | 'copy' | 'reveal' | 'revoke' | 'fail' | 'unlock' | 'lock' | 'account';

export interface AuditEntry {
  seq: number;
  at: number;
  action: AuditAction;
  accountId?: string;
  accountLabel?: string;
  tokenId?: string;
  /** First/last few characters only. */
  tokenPreview?: string;
  /** 'ok' or an error code. */
  outcome: string;
  detail?: string;
  /** sha256 hex of the previous entry's hash and this entry's canonical JSON. */
  hash: string;
}

export interface VaultData {
  accounts: AccountRecord[];
  tokens: TokenRecord[];
  audit: AuditEntry[];
  /** Ocean expiration seconds used, keyed by `${providerUrl}|${address}`. */
  oceanExpirations: Record<string, number[]>;
}

export function emptyVaultData(): VaultData {
  return { accounts: [], tokens: [], audit: [], oceanExpirations: {} };
}
