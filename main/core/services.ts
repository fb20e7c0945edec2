import type {
  AgentGrantView,
  AccountInput,
  AccountPatch,
  AccountView,
  AuditPage,
  AuditQuery,
  BackupView,
  CheckOutcome,
  CopyFormat,
  CopyResult,
  MintOptions,
  RevokeAllResult,
  ClearHistoryResult,
  AccountCheckResult,
  Settings,
  SettingsView,
  SigningPreviewView,
  TokenView,
  VaultStatus,
} from '../../preload/contract.js';

/** The services the IPC handlers call, one method per channel. Implemented in main/core. */
export interface VaultService {
  status(): Promise<VaultStatus>;
  create(password: string): Promise<void>;
  unlock(password: string): Promise<void>;
  unlockWithKeychain(): Promise<void>;
  lock(): Promise<void>;
  changePassword(current: string, next: string): Promise<void>;
  backups(): Promise<BackupView[]>;
  restoreBackup(backupId: string, password: string): Promise<void>;
}

export interface SettingsService {
  view(): Promise<SettingsView>;
  /** A weakening change needs the master password (PASSWORD_REQUIRED without it). */
  update(patch: Partial<Settings>, password?: string): Promise<SettingsView>;
}

export interface AccountsService {
  list(): Promise<AccountView[]>;
  add(input: AccountInput): Promise<AccountView>;
  update(id: string, patch: AccountPatch): Promise<AccountView>;
  remove(id: string): Promise<void>;
}

export interface TokensService {
  list(): Promise<TokenView[]>;
  previewMint(accountId: string, options: MintOptions): Promise<SigningPreviewView>;
  mint(accountId: string, options: MintOptions): Promise<TokenView>;
  revoke(tokenId: string): Promise<TokenView>;
  /** One account, or (null) every account; asks the person in main's dialog first. */
  revokeAll(accountId: string | null): Promise<RevokeAllResult>;
  clearHistory(accountId: string): Promise<ClearHistoryResult>;
  checkAccount(accountId: string): Promise<AccountCheckResult>;
  copy(tokenId: string, format?: CopyFormat): Promise<CopyResult>;
  reveal(tokenId: string): Promise<string>;
  check(tokenId: string): Promise<CheckOutcome>;
}

export interface AuditService {
  page(query: AuditQuery): Promise<AuditPage>;
}

/** What the window may do with command-line grants: see them and take them back (never add one). */
export interface AgentAccessService {
  grants(): Promise<AgentGrantView[]>;
  revokeGrant(grantId: string): Promise<void>;
}

export interface Services {
  vault: VaultService;
  settings: SettingsService;
  accounts: AccountsService;
  tokens: TokensService;
  audit: AuditService;
  agent: AgentAccessService;
}
