/**
 * THE IPC contract. Every channel between the renderer and main is declared here once, with its
 * argument and result types; main registers handlers against it (main/ipc), the preload exposes one
 * named function per channel (preload/index.ts), and the renderer only ever sees `window.vault`.
 *
 * This file imports nothing, so every process can depend on it and it depends on no process.
 */

/** Closed set of error codes. The renderer switches on these exhaustively. */
export const ERROR_CODES = [
  // plumbing
  'INTERNAL',
  'BAD_ARGUMENT',
  'FORBIDDEN_SENDER',
  // vault
  'UNINITIALIZED',
  'ALREADY_INITIALIZED',
  'LOCKED',
  'BAD_PASSWORD',
  'WEAK_PASSWORD',
  'VAULT_DAMAGED',
  'NOT_FOUND',
  'BAD_KEY',
  'KEYSTORE_TOO_COSTLY',
  'KEYCHAIN_UNAVAILABLE',
  'KEYCHAIN_INSECURE',
  // providers
  'BAD_CREDENTIALS',
  'RATE_LIMITED',
  'NOT_ACCEPTABLE',
  'SIGNATURE_REJECTED',
  'NONCE_TOO_LOW',
  'ALREADY_GONE',
  'TOKEN_EXPIRED',
  'BAD_REQUEST',
  'BAD_RESPONSE',
  'SERVER_ERROR',
  'NETWORK',
  'TIMEOUT',
  'CANCELLED',
  'UNSUPPORTED_PROVIDER',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorData {
  code: ErrorCode;
  /** A sentence a user understands: what happened and what to do next. Never holds a secret. */
  message: string;
  retryable: boolean;
  /** Epoch ms before which a retry is pointless (rate limits). */
  retryAt?: number;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorData };

export type VaultStatus = 'uninitialized' | 'locked' | 'unlocked';

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
  autoRenew?: boolean;
  revokeOnRenew?: boolean;
  defaultCopyFormat?: CopyFormat;
}

// ---------------------------------------------------------------------------------------------
// Tokens

export type TokenKind = 'azion-session' | 'azion-personal' | 'ocean-provider' | 'ocean-node';

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

export type CheckOutcome = 'valid' | 'invalid' | 'unknown';

/** The state to show at `now`: stored lifecycle first, then time. Shared by main (tray) and renderer. */
export function displayState(
  view: Pick<TokenView, 'state' | 'expiresAt'>,
  now: number,
  alertLeadMs: number,
): TokenState {
  if (view.state === 'revoked' || view.state === 'revoking') return view.state;
  if (now > view.expiresAt) return 'expired';
  if (view.state === 'revoke_failed') return 'revoke_failed';
  return view.expiresAt - now <= alertLeadMs ? 'expiring' : 'active';
}

/**
 * Remaining time as a short label: `2d 3h`, `23h 59m`, `4m 05s`, `42s`. The renderer's countdowns,
 * the tray and notifications all use this one function (test/unit/tray/formatRemaining.test.ts is the spec).
 *
 * Every unit is rounded DOWN: a label never promises more time than is left, so "1m" always means
 * at least a minute. Only the two most significant units are shown; the second one is zero-padded
 * (except hours after days) so a ticking countdown keeps its width.
 */

const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export interface FormatRemainingOptions {
  /**
   * false: stop at minutes (`4m`, and `<1m` for the last minute). The tray uses this so its menu
   * changes at most once a minute; the renderer keeps seconds.
   */
  seconds?: boolean;
}

const pad = (n: number): string => String(n).padStart(2, '0');

export function formatRemaining(ms: number, options: FormatRemainingOptions = {}): string {
  const withSeconds = options.seconds ?? true;
  const left = Number.isFinite(ms) ? Math.max(0, ms) : 0;
  const d = Math.floor(left / DAY_MS);
  const h = Math.floor((left % DAY_MS) / HOUR_MS);
  const m = Math.floor((left % HOUR_MS) / MINUTE_MS);
  const s = Math.floor((left % MINUTE_MS) / SECOND_MS);
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${pad(m)}m`;
  if (!withSeconds) return m > 0 ? `${m}m` : '<1m';
  if (m > 0) return `${m}m ${pad(s)}s`;
  return `${s}s`;
}


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

export interface SettingsView {
  settings: Settings;
  keychain: KeychainInfo;
  platform: PlatformInfo;
}

export interface BackupView {
  id: string;
  createdAt: number;
  bytes: number;
}

export type AuditAction = 'mint' | 'renew' | 'copy' | 'reveal' | 'revoke' | 'fail' | 'unlock' | 'lock' | 'account';

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
// Channels

/** Channel → argument tuple and result type. */
export interface Channels {
  'vault:status': { args: []; result: VaultStatus };
  'vault:create': { args: [password: string]; result: void };
  'vault:unlock': { args: [password: string]; result: void };
  'vault:unlockWithKeychain': { args: []; result: void };
  'vault:lock': { args: []; result: void };
  'vault:changePassword': { args: [current: string, next: string]; result: void };
  'vault:backups': { args: []; result: BackupView[] };
  'vault:restoreBackup': { args: [backupId: string, password: string]; result: void };
  'settings:get': { args: []; result: SettingsView };
  'settings:update': { args: [patch: Partial<Settings>]; result: SettingsView };
  'accounts:list': { args: []; result: AccountView[] };
  'accounts:add': { args: [input: AccountInput]; result: AccountView };
  'accounts:update': { args: [id: string, patch: AccountPatch]; result: AccountView };
  'accounts:remove': { args: [id: string]; result: void };
  'tokens:list': { args: []; result: TokenView[] };
  'tokens:previewMint': { args: [accountId: string, options: MintOptions]; result: SigningPreviewView };
  'tokens:mint': { args: [accountId: string, options: MintOptions]; result: TokenView };
  'tokens:revoke': { args: [tokenId: string]; result: TokenView };
  'tokens:revokeAll': { args: [accountId: string]; result: RevokeAllResult };
  'tokens:copy': { args: [tokenId: string, format?: CopyFormat]; result: CopyResult };
  'tokens:reveal': { args: [tokenId: string]; result: string };
  'tokens:check': { args: [tokenId: string]; result: CheckOutcome };
  'audit:page': { args: [query: AuditQuery]; result: AuditPage };
}

export type Channel = keyof Channels;
export type ArgsOf<C extends Channel> = Channels[C]['args'];
export type ResultOf<C extends Channel> = Channels[C]['result'];

/** What the preload exposes as `window.vault`: one named function per channel, plus events. */
export interface VaultApi {
  status(): Promise<Result<VaultStatus>>;
  create(password: string): Promise<Result<void>>;
  unlock(password: string): Promise<Result<void>>;
  unlockWithKeychain(): Promise<Result<void>>;
  lock(): Promise<Result<void>>;
  changePassword(current: string, next: string): Promise<Result<void>>;
  backups(): Promise<Result<BackupView[]>>;
  restoreBackup(backupId: string, password: string): Promise<Result<void>>;
  getSettings(): Promise<Result<SettingsView>>;
  updateSettings(patch: Partial<Settings>): Promise<Result<SettingsView>>;
  listAccounts(): Promise<Result<AccountView[]>>;
  addAccount(input: AccountInput): Promise<Result<AccountView>>;
  updateAccount(id: string, patch: AccountPatch): Promise<Result<AccountView>>;
  removeAccount(id: string): Promise<Result<void>>;
  listTokens(): Promise<Result<TokenView[]>>;
  previewMint(accountId: string, options: MintOptions): Promise<Result<SigningPreviewView>>;
  mint(accountId: string, options: MintOptions): Promise<Result<TokenView>>;
  revoke(tokenId: string): Promise<Result<TokenView>>;
  revokeAll(accountId: string): Promise<Result<RevokeAllResult>>;
  copy(tokenId: string, format?: CopyFormat): Promise<Result<CopyResult>>;
  reveal(tokenId: string): Promise<Result<string>>;
  check(tokenId: string): Promise<Result<CheckOutcome>>;
  auditPage(query: AuditQuery): Promise<Result<AuditPage>>;
  /** Subscribe to events from main; returns an unsubscribe function. */
  onEvent(listener: (event: AppEvent) => void): () => void;
}

/** Which channel each API function calls; the preload is built from this table. */
export const API_CHANNELS = {
  status: 'vault:status',
  create: 'vault:create',
  unlock: 'vault:unlock',
  unlockWithKeychain: 'vault:unlockWithKeychain',
  lock: 'vault:lock',
  changePassword: 'vault:changePassword',
  backups: 'vault:backups',
  restoreBackup: 'vault:restoreBackup',
  getSettings: 'settings:get',
  updateSettings: 'settings:update',
  listAccounts: 'accounts:list',
  addAccount: 'accounts:add',
  updateAccount: 'accounts:update',
  removeAccount: 'accounts:remove',
  listTokens: 'tokens:list',
  previewMint: 'tokens:previewMint',
  mint: 'tokens:mint',
  revoke: 'tokens:revoke',
  revokeAll: 'tokens:revokeAll',
  copy: 'tokens:copy',
  reveal: 'tokens:reveal',
  check: 'tokens:check',
  auditPage: 'audit:page',
} as const satisfies { [K in Exclude<keyof VaultApi, 'onEvent'>]: Channel };

/** The channels as a runtime list, for the registration and the contract test. */
export const CHANNELS = Object.values(API_CHANNELS) as readonly Channel[];

// ---------------------------------------------------------------------------------------------
// Events main → renderer, all over one channel

export type AppEvent =
  | { type: 'vault-status'; status: VaultStatus }
  | { type: 'tokens-changed'; tokens: TokenView[] }
  | { type: 'accounts-changed'; accounts: AccountView[] }
  | { type: 'settings-changed'; view: SettingsView }
  | { type: 'expiry-alert'; tokenId: string; expiresAt: number }
  /** The user clicked a notification or tray entry about this token: show it. */
  | { type: 'focus-token'; tokenId: string }
  | { type: 'clipboard-cleared' }
  /** The tray asked to mint for an account whose key must sign: open its mint dialog (with the preview). */
  | { type: 'start-mint'; accountId: string }
  | { type: 'navigate'; screen: 'tokens' | 'accounts' | 'settings' | 'audit' };

export const EVENT_CHANNEL = 'app:event';

/** Compile-time proof that every API function has exactly its channel's arguments and result. */
type ApiMatchesChannels = {
  [K in keyof typeof API_CHANNELS]: VaultApi[K] extends (...args: ArgsOf<(typeof API_CHANNELS)[K]>) => Promise<Result<ResultOf<(typeof API_CHANNELS)[K]>>>
    ? ArgsOf<(typeof API_CHANNELS)[K]> extends Parameters<VaultApi[K]>
      ? true
      : false
    : false;
};
export const API_MATCHES_CHANNELS: ApiMatchesChannels[keyof ApiMatchesChannels] = true;
