/**
 * THE channel map: every channel between the renderer and main, declared once. Each row names the
 * function the preload exposes on `window.vault`, the service method main answers it with, and the
 * result type; the argument types are the zod schemas' (preload/schemas.ts). From this map the
 * contract derives the preload API, the service interfaces and the handler table (contract.ts), the
 * way GitHub Desktop's ipc-shared.ts derives its IPC types. Adding a channel touches this map, its
 * schema, and the service method that answers it; nothing else lists channels.
 *
 * Imported at run time by the preload bundle, so it imports types only.
 */
import type {
  AccountCheckResult,
  AccountView,
  AgentGrantView,
  AuditPage,
  BackupView,
  CheckOutcome,
  ClearHistoryResult,
  CopyResult,
  RevokeAllResult,
  SettingsView,
  SigningPreviewView,
  TokenView,
  VaultStatus,
} from './views.js';

/** A result type carried by the map: a marker for the type checker, null at run time. */
export interface Returns<T> {
  readonly __returns: T;
}
const returns = <T>(): Returns<T> => null as unknown as Returns<T>;

export const CHANNEL_MAP = {
  'vault:status': { api: 'status', service: 'vault.status', result: returns<VaultStatus>() },
  'vault:create': { api: 'create', service: 'vault.create', result: returns<void>() },
  'vault:unlock': { api: 'unlock', service: 'vault.unlock', result: returns<void>() },
  'vault:unlockWithKeychain': { api: 'unlockWithKeychain', service: 'vault.unlockWithKeychain', result: returns<void>() },
  'vault:lock': { api: 'lock', service: 'vault.lock', result: returns<void>() },
  'vault:changePassword': { api: 'changePassword', service: 'vault.changePassword', result: returns<void>() },
  'vault:backups': { api: 'backups', service: 'vault.backups', result: returns<BackupView[]>() },
  'vault:restoreBackup': { api: 'restoreBackup', service: 'vault.restoreBackup', result: returns<void>() },
  'settings:get': { api: 'getSettings', service: 'settings.view', result: returns<SettingsView>() },
  /** Weakening protection needs the master password in the same call (PASSWORD_REQUIRED without it). */
  'settings:update': { api: 'updateSettings', service: 'settings.update', result: returns<SettingsView>() },
  'accounts:list': { api: 'listAccounts', service: 'accounts.list', result: returns<AccountView[]>() },
  'accounts:add': { api: 'addAccount', service: 'accounts.add', result: returns<AccountView>() },
  'accounts:update': { api: 'updateAccount', service: 'accounts.update', result: returns<AccountView>() },
  'accounts:remove': { api: 'removeAccount', service: 'accounts.remove', result: returns<void>() },
  /** Asks the provider whether it accepts the stored credentials (Azion): one call, never retried on 401/403. A provider call, so the token service answers it. */
  'accounts:check': { api: 'checkAccount', service: 'tokens.checkAccount', result: returns<AccountCheckResult>() },
  'tokens:list': { api: 'listTokens', service: 'tokens.list', result: returns<TokenView[]>() },
  'tokens:previewMint': { api: 'previewMint', service: 'tokens.previewMint', result: returns<SigningPreviewView>() },
  'tokens:mint': { api: 'mint', service: 'tokens.mint', result: returns<TokenView>() },
  'tokens:revoke': { api: 'revoke', service: 'tokens.revoke', result: returns<TokenView>() },
  'tokens:revokeAll': { api: 'revokeAll', service: 'tokens.revokeAll', result: returns<RevokeAllResult>() },
  /** Removes the account's revoked and expired tokens now (retention would, later). */
  'tokens:clearHistory': { api: 'clearHistory', service: 'tokens.clearHistory', result: returns<ClearHistoryResult>() },
  'tokens:copy': { api: 'copy', service: 'tokens.copy', result: returns<CopyResult>() },
  'tokens:reveal': { api: 'reveal', service: 'tokens.reveal', result: returns<string>() },
  'tokens:check': { api: 'check', service: 'tokens.check', result: returns<CheckOutcome>() },
  'audit:page': { api: 'auditPage', service: 'audit.page', result: returns<AuditPage>() },
  /** Command-line callers' standing grants ("Allow for N minutes"), soonest to expire first. */
  'agent:grants': { api: 'agentGrants', service: 'agent.grants', result: returns<AgentGrantView[]>() },
  'agent:revokeGrant': { api: 'revokeAgentGrant', service: 'agent.revokeGrant', result: returns<void>() },
} as const satisfies Record<string, { api: string; service: `${string}.${string}`; result: Returns<unknown> }>;
