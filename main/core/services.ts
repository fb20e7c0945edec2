import type { ServiceOf, Services } from '../../preload/contract.js';

/*
 * The services the IPC handlers call, one method per channel, derived from the channel map
 * (preload/channels.ts) and the argument schemas: a method's name, arguments and result are the
 * channel's. Implemented in main/core; each class declares `implements`.
 */
export type { Services };
export type VaultService = ServiceOf<'vault'>;
export type SettingsService = ServiceOf<'settings'>;
export type AccountsService = ServiceOf<'accounts'>;
export type TokensService = ServiceOf<'tokens'>;
export type AuditService = ServiceOf<'audit'>;
/** What the window may do with command-line grants: see them and take them back (never add one). */
export type AgentAccessService = ServiceOf<'agent'>;
