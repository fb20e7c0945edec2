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

/** Channel → argument tuple and result type. */
export interface Channels {
  'vault:status': { args: []; result: VaultStatus };
}

export type Channel = keyof Channels;
export type ArgsOf<C extends Channel> = Channels[C]['args'];
export type ResultOf<C extends Channel> = Channels[C]['result'];

/** The channels as a runtime list, for the registration and the contract test. */
export const CHANNELS = ['vault:status'] as const satisfies readonly Channel[];

/** Events main pushes to the renderer, all over one channel. */
export type AppEvent = { type: 'vault-status'; status: VaultStatus };

export const EVENT_CHANNEL = 'app:event';

/** What the preload exposes as `window.vault`: one named function per channel, plus events. */
export interface VaultApi {
  status(): Promise<Result<VaultStatus>>;
  /** Subscribe to events from main; returns an unsubscribe function. */
  onEvent(listener: (event: AppEvent) => void): () => void;
}

/** Which channel each API function calls; the contract test holds the preload to it. */
export const API_CHANNELS = {
  status: 'vault:status',
} as const satisfies Record<Exclude<keyof VaultApi, 'onEvent'>, Channel>;
