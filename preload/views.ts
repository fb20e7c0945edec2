/**
 * What main lets the renderer see: non-secret account configuration, token views, settings and audit
 * pages. No type here has a field for a password, a private key or a token value.
 */
import type { z } from 'zod';
import type { ErrorData } from './result.js';
import type { accountInput, accountPatch, auditQuery, mintOptions, oceanKey } from './schemas.js';
import type { Settings } from './settings.js';
import type { AuditAction, AzionMode, CopyFormat } from './vocabulary.js';

/** Whether a vault exists, and whether it is open. */
export type VaultStatus = 'uninitialized' | 'locked' | 'unlocked';

// ---------------------------------------------------------------------------------------------
// Accounts (non-secret configuration; secrets are write-only and never appear in a view)

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

/** Azion's endpoints (main/core/providers/azion/azion.md): what an account uses unless told otherwise. */
export const AZION_DEFAULTS = {
  authBase: 'https://api.azionapi.net',
  apiBase: 'https://api.azionapi.net',
  checkBase: 'https://sso.azion.com/api',
} as const;

/** The latest expiry Azion takes for a personal token: its console offers custom dates up to this day. */
export const AZION_PERSONAL_MAX_EXPIRY = Date.UTC(2038, 1, 9, 23, 59, 59);

/**
 * The one answer to "does minting for this account need a signing approval": an Ocean account's key
 * signs, so the person approves a preview in main's dialog first (and agrees once before auto-renew
 * signs unasked). Core, the tray and the renderer all ask this.
 */
export function needsSigningApproval<C extends { kind: AccountConfig['kind'] }>(config: C): config is Extract<C, { kind: 'ocean' }> {
  return config.kind === 'ocean';
}
export type ProviderKind = AccountConfig['kind'];

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

/*
 * What the window sends to add or change an account: the argument schemas' own types
 * (preload/schemas.ts), so a field the schema does not check cannot be declared here.
 */
/** How an Ocean account gets its key. */
export type OceanKeyInput = z.output<typeof oceanKey>;
export type AccountInput = z.output<typeof accountInput>;
/**
 * Fields that can change after creation. Secrets given here replace the stored ones. `key`: the
 * Ocean account's own key entered again (it must match the account's address), required with every
 * other stored secret when an endpoint moves to a new origin; it never replaces the key.
 */
export type AccountPatch = z.output<typeof accountPatch>;

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

/** Every state a token view can show. 'expiring' and 'expired' are derived from the clock (see displayState). */
export const TOKEN_STATES = ['active', 'expiring', 'expired', 'revoking', 'revoked', 'revoke_failed'] as const;
export type TokenState = (typeof TOKEN_STATES)[number];

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

/** expiresAt: wanted expiry, epoch ms (Azion session tokens always live 24 h); name: an Azion personal token's name in Azion's console; previewId: Ocean, the preview the user approved. */
export type MintOptions = z.output<typeof mintOptions>;

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

export interface AuditEntryView {
  seq: number;
  at: number;
  action: AuditAction;
  accountLabel?: string;
  tokenPreview?: string;
  outcome: string;
  detail?: string;
}

export type AuditQuery = z.output<typeof auditQuery>;

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
