/**
 * The one interface every token provider implements. Providers are small and alike: mint, revoke,
 * and check where the server offers it. They hold no state of their own beyond what is injected
 * (HTTP client, clock, the Ocean expiration ledger); the token service persists what they return.
 */
import type { AccountConfig, AccountSecrets, TokenKind } from '../vault/vaultRecords.js';

export type ProviderKind = AccountConfig['kind'];

/** A minted token as the server gave it. `value` is secret; everything else is not. */
export interface MintedToken {
  kind: TokenKind;
  value: string;
  createdAt: number; // epoch ms
  expiresAt: number; // epoch ms, absolute
  /** Server-side id needed to revoke, e.g. an Azion personal token's uuid. */
  serverId?: string;
  /**
   * Non-secret details the provider needs again at revoke time, so a token is revoked where it was
   * minted even if the account's URLs change later. Azion: `base` (the authBase or apiBase used) and,
   * for personal tokens, `name`. Ocean: `flavour`, `providerUrl` (normalized), `address`.
   */
  meta?: Record<string, string>;
}

/** What the user approves before an Ethereum key signs anything. */
export interface SigningPreview {
  address: string;
  nonce: string;
  message: string;
  expiresAt: number; // epoch ms
  flavour: 'provider' | 'node';
  providerUrl: string;
}

export interface MintRequest {
  config: AccountConfig;
  secrets: AccountSecrets;
  /** Wanted expiry (epoch ms). Azion session tokens ignore it (24 h, set by the server). */
  expiresAt?: number;
  /** Azion personal tokens: the name shown in Azion's console. */
  name?: string;
  /** Ocean: the preview the user approved; mint signs exactly this. */
  approved?: SigningPreview;
  signal?: AbortSignal;
  /**
   * A credential the provider created for itself (Azion's temporary session) or took back after a
   * bad answer, whose revoke failed: handed over so it is queued in the vault and retried, never
   * forgotten. Without it the provider rethrows nothing but the caller's outcome matters more.
   */
  leftover?: LeftoverSink;
}

export type LeftoverSink = (token: StoredTokenRef, error: unknown) => void;

export interface StoredTokenRef {
  kind: TokenKind;
  value: string;
  expiresAt: number;
  serverId?: string;
  meta?: Record<string, string>;
}

export interface RevokeRequest {
  config: AccountConfig;
  secrets: AccountSecrets;
  token: StoredTokenRef;
  signal?: AbortSignal;
  /** See MintRequest.leftover. */
  leftover?: LeftoverSink;
}

/**
 * 'revoked' only on the server's documented confirmation (Provider 200 `{"success":"Token has been
 * deactivated."}`, Node 200 `{"success":true}`, Azion 204); 'already-gone' covers its documented
 * unknown/expired/deleted answers (Azion 404, Provider "Token is deleted." / "Token is expired.").
 * Any other answer rejects (BAD_RESPONSE for an unconfirming 200), so the token is kept and retried.
 */
export type RevokeOutcome = 'revoked' | 'already-gone';

/** 'unknown' for 429, 5xx and network failures: never mark a token dead on those. */
export type CheckOutcome = 'valid' | 'invalid' | 'unknown';

/**
 * Every method rejects only with an AppError (codes from preload/contract.ts ERROR_CODES) whose
 * message is user-facing and secret-free. Built by createAzionProvider / createOceanProvider, or
 * through createProviderRegistry.
 */
export interface Provider {
  readonly kind: ProviderKind;
  /** Ocean only: what will be signed, for approval. Others may omit it. */
  previewMint?(req: MintRequest): Promise<SigningPreview>;
  mint(req: MintRequest): Promise<MintedToken>;
  revoke(req: RevokeRequest): Promise<RevokeOutcome>;
  check?(req: RevokeRequest): Promise<CheckOutcome>;
  /**
   * Whether the server accepts the account's credentials (saving an account): resolves, or rejects
   * with the AppError the server's answer means. One call; a 401/403 is never retried.
   */
  checkCredentials?(req: MintRequest): Promise<void>;
}

/**
 * Ocean Python Provider quirk: re-minting a deleted (address, exp) pair un-revokes it server-side, so
 * the vault remembers every expiration second it used per (provider URL, address). Persisted in the
 * vault by the token service; providers only ask and record.
 */
export interface ExpirationLedger {
  has(providerUrl: string, address: string, expSeconds: number): boolean;
  add(providerUrl: string, address: string, expSeconds: number): Promise<void>;
}
