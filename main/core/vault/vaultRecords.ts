/**
 * What the vault holds once decrypted. Non-secret configuration and secrets are kept apart so a view
 * can be built from the config alone, and so no code path that builds views ever touches a secret.
 */

import type { AccountConfig, CopyFormat, ErrorCode, TokenKind } from '../../../preload/contract.js';

export type { AccountConfig, AzionConfig, AzionMode, CopyFormat, OceanConfig, TokenKind } from '../../../preload/contract.js';

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
  /** The last outcome of a call using the credentials (mint, renew, check): a failure stays until a success. */
  health?: { at: number; error: { code: ErrorCode; message: string; retryable: boolean } | null };
}

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
  failure?: { code: string; message: string; at: number; attempts?: number };
  /**
   * The lifetime asked for when the chain of renewals began (ms). Renewals ask for this, never for the
   * last token's actual span, which is shorter by each mint's latency: taken from the span, the
   * lifetime would shrink with every renewal until the tokens were born expired.
   */
  lifetimeMs?: number;
  /** The token this one replaced by auto-renew. */
  renewedFrom?: string;
  /** The token that replaced this one by auto-renew (kept even after the successor leaves the list). */
  renewedBy?: string;
  /** When the expiry alert was raised: at most one alert per token, across restarts. */
  alertedAt?: number;
  /** Auto-renew of this token is failing (kept across lock and restart; cleared by its successor). */
  renewal?: RenewalFailure;
}

/** A failing auto-renew: what went wrong and when it is tried again (retries go on while auto-renew is on). */
export interface RenewalFailure {
  failingSince: number;
  attempts: number;
  lastError: { code: string; message: string };
  nextAttemptAt: number;
  /** When the person was alerted about this failing episode (at most once per episode). */
  alertedAt?: number;
}

import type { AuditAction } from '../../../preload/contract.js';
export type { AuditAction };

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
  /**
   * The last audit entry appended (seq and hash). Lets verification notice entries removed from the
   * end of the log, which seq continuity and the chain alone cannot. Absent in vaults written before it.
   */
  auditHead?: { seq: number; hash: string };
  /**
   * Credentials still live on a server that we failed to revoke (a temporary Azion session, a token
   * taken back after a bad answer): retried with backoff until the server confirms or they expire.
   * Absent in vaults written before it.
   */
  cleanup?: CleanupRecord[];
}

/** One pending revoke in the cleanup queue. Its token value is a secret, kept encrypted like tokens. */
export interface CleanupRecord {
  id: string;
  accountId: string;
  token: { kind: TokenKind; value: string; expiresAt: number; serverId?: string; meta?: Record<string, string> };
  /** Why it is there, for the window and the audit (no secret). */
  reason: string;
  createdAt: number;
  attempts: number;
  nextAttemptAt: number;
  lastError: { code: string; message: string };
}

export function emptyVaultData(): VaultData {
  return { accounts: [], tokens: [], audit: [], oceanExpirations: {} };
}
