/**
 * THE IPC contract. Every channel between the renderer and main is declared here once, with its
 * argument and result types; main registers handlers against it (main/ipc), the preload exposes one
 * named function per channel (preload/index.ts), and the renderer only ever sees `window.vault`.
 *
 * It and the files it re-exports (result.ts, views.ts, timeText.ts) import nothing outside preload/,
 * so every process can depend on them and they depend on no process.
 */
import type { ErrorCode, Result } from './result.js';
import type {
  AgentGrantView,
  AccountInput,
  AccountPatch,
  AccountView,
  AuditPage,
  AuditQuery,
  AccountCheckResult,
  BackupView,
  ClearHistoryResult,
  CheckOutcome,
  CopyFormat,
  CopyResult,
  MintOptions,
  RevokeAllResult,
  Settings,
  SettingsView,
  SigningPreviewView,
  TokenView,
} from './views.js';

export * from './result.js';
export * from './timeText.js';
export * from './views.js';

export type VaultStatus = 'uninitialized' | 'locked' | 'unlocked';

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
  'settings:update': { args: [patch: Partial<Settings>, password?: string]; result: SettingsView };
  'accounts:list': { args: []; result: AccountView[] };
  'accounts:add': { args: [input: AccountInput]; result: AccountView };
  'accounts:update': { args: [id: string, patch: AccountPatch]; result: AccountView };
  'accounts:remove': { args: [id: string]; result: void };
  /** Asks the provider whether it accepts the stored credentials (Azion): one call, never retried on 401/403. */
  'accounts:check': { args: [id: string]; result: AccountCheckResult };
  'tokens:list': { args: []; result: TokenView[] };
  'tokens:previewMint': { args: [accountId: string, options: MintOptions]; result: SigningPreviewView };
  'tokens:mint': { args: [accountId: string, options: MintOptions]; result: TokenView };
  'tokens:revoke': { args: [tokenId: string]; result: TokenView };
  /** One account's live tokens, or (null) every account's: main asks the person once. */
  'tokens:revokeAll': { args: [accountId: string | null]; result: RevokeAllResult };
  /** Removes the account's revoked and expired tokens now (retention would, later). */
  'tokens:clearHistory': { args: [accountId: string]; result: ClearHistoryResult };
  'tokens:copy': { args: [tokenId: string, format?: CopyFormat]; result: CopyResult };
  'tokens:reveal': { args: [tokenId: string]; result: string };
  'tokens:check': { args: [tokenId: string]; result: CheckOutcome };
  'audit:page': { args: [query: AuditQuery]; result: AuditPage };
  'agent:grants': { args: []; result: AgentGrantView[] };
  'agent:revokeGrant': { args: [grantId: string]; result: void };
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
  /** Weakening protection needs the master password in the same call (PASSWORD_REQUIRED without it). */
  updateSettings(patch: Partial<Settings>, password?: string): Promise<Result<SettingsView>>;
  listAccounts(): Promise<Result<AccountView[]>>;
  addAccount(input: AccountInput): Promise<Result<AccountView>>;
  updateAccount(id: string, patch: AccountPatch): Promise<Result<AccountView>>;
  removeAccount(id: string): Promise<Result<void>>;
  checkAccount(id: string): Promise<Result<AccountCheckResult>>;
  listTokens(): Promise<Result<TokenView[]>>;
  previewMint(accountId: string, options: MintOptions): Promise<Result<SigningPreviewView>>;
  mint(accountId: string, options: MintOptions): Promise<Result<TokenView>>;
  revoke(tokenId: string): Promise<Result<TokenView>>;
  revokeAll(accountId: string | null): Promise<Result<RevokeAllResult>>;
  clearHistory(accountId: string): Promise<Result<ClearHistoryResult>>;
  copy(tokenId: string, format?: CopyFormat): Promise<Result<CopyResult>>;
  reveal(tokenId: string): Promise<Result<string>>;
  check(tokenId: string): Promise<Result<CheckOutcome>>;
  auditPage(query: AuditQuery): Promise<Result<AuditPage>>;
  /** Command-line callers' standing grants ("Allow for N minutes"), soonest to expire first. */
  agentGrants(): Promise<Result<AgentGrantView[]>>;
  revokeAgentGrant(grantId: string): Promise<Result<void>>;
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
  checkAccount: 'accounts:check',
  listTokens: 'tokens:list',
  previewMint: 'tokens:previewMint',
  mint: 'tokens:mint',
  revoke: 'tokens:revoke',
  revokeAll: 'tokens:revokeAll',
  clearHistory: 'tokens:clearHistory',
  copy: 'tokens:copy',
  reveal: 'tokens:reveal',
  check: 'tokens:check',
  auditPage: 'audit:page',
  agentGrants: 'agent:grants',
  revokeAgentGrant: 'agent:revokeGrant',
} as const satisfies { [K in Exclude<keyof VaultApi, 'onEvent'>]: Channel };

/** The channels as a runtime list, for the registration and the contract test. */
export const CHANNELS = Object.values(API_CHANNELS) as readonly Channel[];

// ---------------------------------------------------------------------------------------------
// Events main → renderer, all over one channel

export type AppEvent =
  | { type: 'vault-status'; status: VaultStatus }
  /** pendingCleanup: credentials whose revoke failed and is being retried (absent when none). */
  | { type: 'tokens-changed'; tokens: TokenView[]; pendingCleanup?: number }
  | { type: 'accounts-changed'; accounts: AccountView[] }
  | { type: 'settings-changed'; view: SettingsView }
  | { type: 'expiry-alert'; tokenId: string; expiresAt: number }
  /** Auto-renew keeps failing for this token (once per failing episode): an OS alert when unfocused. */
  | {
      type: 'renewal-failing';
      tokenId: string;
      accountId: string;
      accountLabel: string;
      code: ErrorCode;
      message: string;
      nextAttemptAt: number;
      expiresAt: number;
    }
  /** The user clicked a notification or tray entry about this token: show it. */
  | { type: 'focus-token'; tokenId: string }
  | { type: 'clipboard-cleared' }
  /** The tray asked to mint for an account whose key must sign: open its mint dialog (with the preview). */
  | { type: 'start-mint'; accountId: string }
  | { type: 'navigate'; screen: 'tokens' | 'accounts' | 'settings' | 'audit' }
  /** The command line asked a locked vault for something: the person is asked to unlock. */
  | { type: 'unlock-requested'; caller: string }
  | { type: 'agent-grants-changed'; grants: AgentGrantView[] };

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
