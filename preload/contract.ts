/**
 * THE IPC contract. Every channel between the renderer and main is declared once, in CHANNEL_MAP
 * (channels.ts), with its argument schema (schemas.ts); the preload API, the service interfaces and
 * the handler table are derived here. Main registers handlers against it (main/ipc), the preload
 * exposes one named function per channel (preload/index.ts), and the renderer only ever sees
 * `window.vault`.
 *
 * It and the files it re-exports (result.ts, views.ts, timeText.ts, channels.ts) import nothing
 * outside preload/, so every process can depend on them and they depend on no process. The schemas
 * (zod) are imported as types only: the preload bundle never carries zod.
 */
import type { z } from 'zod';
import { CHANNEL_MAP, type Returns } from './channels.js';
import type { ErrorCode, Result } from './result.js';
import type { schemas } from './schemas.js';
import type { AccountView, AgentGrantView, SettingsView, TokenView, VaultStatus } from './views.js';

export * from './result.js';
export * from './timeText.js';
export * from './views.js';
export * from './vocabulary.js';
export type { Settings } from './settings.js';
export { CHANNEL_MAP } from './channels.js';

// ---------------------------------------------------------------------------------------------
// Channels: everything below is derived from CHANNEL_MAP (channels.ts) and the schemas (schemas.ts).

type Map = typeof CHANNEL_MAP;
export type Channel = keyof Map;
/** What a handler receives: the schema's output, so a field the schema does not check does not exist. */
export type ArgsOf<C extends Channel> = z.output<(typeof schemas)[C]>;
/** What the window may pass: the schema's input. */
export type ApiArgsOf<C extends Channel> = z.input<(typeof schemas)[C]>;
/** Every channel has its argument schema and every schema its channel (checked here: schemas.ts lists no channels). */
type _SchemaPerChannel = Assert<Same<keyof typeof schemas, Channel>>;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type ResultOf<C extends Channel> = Map[C]['result'] extends Returns<infer R> ? R : never;

type ServicePath<C extends Channel> = Map[C]['service'];
type GroupOf<C extends Channel> = ServicePath<C> extends `${infer G}.${string}` ? G : never;
type MethodOf<C extends Channel> = ServicePath<C> extends `${string}.${infer M}` ? M : never;

/** The service groups main answers with (vault, settings, accounts, tokens, audit, agent). */
export type ServiceGroup = GroupOf<Channel>;
/** One service: a method per channel the map sends to it, with that channel's arguments and result. */
export type ServiceOf<G extends ServiceGroup> = {
  [C in Channel as GroupOf<C> extends G ? MethodOf<C> : never]: (...args: ArgsOf<C>) => Promise<ResultOf<C>>;
};
/** The services the IPC handlers call, one method per channel. Implemented in main/core. */
export type Services = { [G in ServiceGroup]: ServiceOf<G> };

/** What the preload exposes as `window.vault`: one named function per channel, plus events. */
export type VaultApi = {
  [C in Channel as Map[C]['api']]: (...args: ApiArgsOf<C>) => Promise<Result<ResultOf<C>>>;
} & {
  /** Subscribe to events from main; returns an unsubscribe function. */
  onEvent(listener: (event: AppEvent) => void): () => void;
};

/** Which channel each API function calls; the preload is built from this table. */
export const API_CHANNELS = Object.fromEntries(Object.entries(CHANNEL_MAP).map(([channel, row]) => [row.api, channel])) as {
  [C in Channel as Map[C]['api']]: C;
};

/** The channels as a runtime list, for the registration and the contract test. */
export const CHANNELS = Object.keys(CHANNEL_MAP) as readonly Channel[];

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
