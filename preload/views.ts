/**
 * What main lets the renderer see: non-secret account configuration, token views, settings and audit
 * pages. No type here has a field for a password, a private key or a token value.
 */
import type { ErrorData } from './result.js';

// ---------------------------------------------------------------------------------------------
// Accounts (non-secret configuration; secrets are write-only and never appear in a view)

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
  email: string;
}

export interface OceanConfig {
  kind: 'ocean';
  providerUrl: string;
  /** EIP-55 address of the key. */
  address: string;
  /** Detected from GET {providerUrl}/ when first used; 'auto' until then. */
  flavour: 'auto' | 'provider' | 'node';
}

export type AccountConfig = AzionConfig | OceanConfig;
export type ProviderKind = AccountConfig['kind'];

export type CopyFormat = 'raw' | 'header' | 'curl' | 'export';
export const COPY_FORMATS = ['raw', 'header', 'curl', 'export'] as const satisfies readonly CopyFormat[];

export interface AccountView {
  id: string;
  label: string;
  createdAt: number;
  config: AccountConfig;
  /** Which secrets are stored, never their values. */
  has: { password: boolean; personalToken: boolean; privateKey: boolean };
  autoRenew: boolean;
  revokeOnRenew: boolean;
  defaultCopyFormat: CopyFormat;
  /**
   * What the last call that used the account's credentials (a mint, a renewal, a check) found, as
   * main keeps it in the vault: a failure stays (across lock and restart) until a call succeeds.
   * Absent until such a call happens.
   */
  health?: AccountHealth;
}

export interface AccountHealth {
  at: number;
  /** null: the server accepted the credentials. */
  error: ErrorData | null;
}

/** How an Ocean account gets its key. */
export type OceanKeyInput =
  | { type: 'hex'; privateKey: string }
  | { type: 'keystore'; json: string; password: string }
  | { type: 'generate' };

export type AccountInput =
  | {
      kind: 'azion';
      label: string;
      email: string;
      password?: string;
      personalToken?: string;
      mode: AzionMode;
      authBase?: string;
      apiBase?: string;
      checkBase?: string;
    }
  | { kind: 'ocean'; label: string; providerUrl: string; key: OceanKeyInput };

/** Fields that can change after creation. Secrets given here replace the stored ones. */
export interface AccountPatch {
  label?: string;
  email?: string;
  password?: string;
  personalToken?: string;
  mode?: AzionMode;
  authBase?: string;
  apiBase?: string;
  checkBase?: string;
  providerUrl?: string;
  /**
   * Ocean: the account's own key entered again (it must match the account's address). Required, with
   * every other stored secret, when an endpoint moves to a new origin; never replaces the key.
   */
  key?: Exclude<OceanKeyInput, { type: 'generate' }>;
  autoRenew?: boolean;
  revokeOnRenew?: boolean;
  defaultCopyFormat?: CopyFormat;
}

// ---------------------------------------------------------------------------------------------
// Tokens

export type TokenKind = 'azion-session' | 'azion-personal' | 'ocean-provider' | 'ocean-node';

/** The HTTP header each kind of token is sent in (shared/protocols): what "copy as header" copies. */
export const TOKEN_HEADER_NAMES: Readonly<Record<TokenKind, 'Authorization' | 'AuthToken'>> = {
  'azion-session': 'Authorization',
  'azion-personal': 'Authorization',
  'ocean-provider': 'AuthToken',
  'ocean-node': 'Authorization',
};

/** 'expiring' and 'expired' are derived from the clock (see displayState). */
export type TokenState = 'active' | 'expiring' | 'expired' | 'revoking' | 'revoked' | 'revoke_failed';

export interface TokenView {
  id: string;
  accountId: string;
  accountLabel: string;
  provider: ProviderKind;
  kind: TokenKind;
  createdAt: number;
  /** Absolute epoch ms: countdowns derive from it, they never count down a number. */
  expiresAt: number;
  /** First and last few characters, e.g. "eyJh…x9Q". Never the value. */
  preview: string;
  state: TokenState;
  failure?: ErrorData;
  renewedFrom?: string;
  /** Auto-renew of this token is failing; retries go on (also past expiry) while auto-renew is on. */
  renewal?: RenewalView;
}

/** A failing auto-renew as the window sees it: why, since when, and when it is tried again. */
export interface RenewalView {
  failingSince: number;
  attempts: number;
  lastError: ErrorData;
  nextAttemptAt: number;
}

export interface MintOptions {
  /** Wanted expiry, epoch ms. Azion session tokens always live 24 h. */
  expiresAt?: number;
  /** Azion personal tokens: the name shown in Azion's console. */
  name?: string;
  /** Ocean: the preview the user approved. */
  previewId?: string;
}

export interface SigningPreviewView {
  previewId: string;
  address: string;
  nonce: string;
  message: string;
  expiresAt: number;
  flavour: 'provider' | 'node';
  providerUrl: string;
  /** What the signature proves and to whom it is usable; main's approval dialog says the same. */
  statement: string;
}

export interface CopyResult {
  format: CopyFormat;
  /** When main will clear the clipboard (if it still holds what we wrote), or null for never. */
  clearsAt: number | null;
}

export interface RevokeAllResult {
  revoked: number;
  failed: number;
}

/** accounts:check: the server accepted the account's credentials at this time. */
export interface AccountCheckResult {
  checkedAt: number;
}

/** tokens:clearHistory: how many revoked or expired tokens left the vault. */
export interface ClearHistoryResult {
  removed: number;
}

export type CheckOutcome = 'valid' | 'invalid' | 'unknown';

// ---------------------------------------------------------------------------------------------
// Settings, keychain, backups, audit

export interface Settings {
  autoLockMinutes: number;
  lockOnSleep: boolean;
  clipboardClearSeconds: number;
  alertLeadMinutes: number;
  renewLeadMinutes: number;
  expiredRetentionHours: number;
  closeToTray: boolean;
  keychainUnlock: boolean;
  keychainAcceptInsecure: boolean;
  theme: 'system' | 'light' | 'dark';
  globalShortcut: string;
  /** How long "Allow for N minutes" lets a command-line caller use an account without asking again. */
  agentGrantMinutes: number;
}

export interface KeychainInfo {
  available: boolean;
  /** e.g. 'keychain' (macOS), 'dpapi' (Windows), 'gnome_libsecret', 'kwallet5', 'basic_text', 'unknown'. */
  backend: string;
  /** False for basic_text: storage without real protection. */
  secure: boolean;
  enabled: boolean;
}

export interface PlatformInfo {
  os: 'linux' | 'darwin' | 'win32' | 'other';
  tray: boolean;
  notifications: boolean;
  globalShortcut: boolean;
  /** Sentences for what this platform cannot do, shown in settings. */
  limitations: string[];
}

/** How Token Vault reaches the network (shown in Settings): never holds a proxy password. */
export interface NetworkView {
  /** Chromium's network stack (Electron: system proxy and PAC, OS certificate store) or Node's (undici). */
  stack: 'chromium' | 'node';
  /** The proxy in use, as a person reads it, e.g. "http://proxy.corp:3128 (from HTTPS_PROXY)". */
  proxy: string;
  /** Hosts that bypass the proxy (NO_PROXY). */
  noProxy?: string;
  /** A file of extra trusted certificate authorities (NODE_EXTRA_CA_CERTS). */
  extraCa?: string;
}

export interface SettingsView {
  settings: Settings;
  keychain: KeychainInfo;
  platform: PlatformInfo;
  network?: NetworkView;
}

export interface BackupView {
  id: string;
  createdAt: number;
  bytes: number;
}

/** 'agent': a request from the `tokenvault` command line, granted or not, with who asked. */
export type AuditAction = 'mint' | 'renew' | 'copy' | 'reveal' | 'revoke' | 'fail' | 'unlock' | 'lock' | 'account' | 'agent';

export interface AuditEntryView {
  seq: number;
  at: number;
  action: AuditAction;
  accountLabel?: string;
  tokenPreview?: string;
  outcome: string;
  detail?: string;
}

export interface AuditQuery {
  offset: number;
  limit: number;
  action?: AuditAction;
  accountId?: string;
}

export interface AuditPage {
  entries: AuditEntryView[];
  total: number;
  /** Result of verifying the whole hash chain. */
  chain: { ok: true } | { ok: false; brokenAt: number };
}

// ---------------------------------------------------------------------------------------------
// Command-line access (the `tokenvault` CLI talks to the agent in main)

/** A standing permission the person gave one calling process for one account; all are dropped on lock. */
export interface AgentGrantView {
  id: string;
  accountId: string;
  accountLabel: string;
  caller: {
    /** The program that ran `tokenvault` (e.g. /usr/bin/bash), its pid, command line and folder. */
    exe: string;
    pid: number;
    command: string;
    cwd: string;
    /** False when the OS could not confirm who the caller is (not Linux, or /proc unreadable). */
    verified: boolean;
  };
  grantedAt: number;
  expiresAt: number;
}
