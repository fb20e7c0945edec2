import type { Wallet } from 'ethers';
import { AppError } from '../../errors.js';
import type { MintedToken, RevokeOutcome, SigningPreview, StoredTokenRef } from '../types.js';

export type OceanFlavourName = 'provider' | 'node';

/** One wire dialect (Python Provider or Ocean Node). Calls arrive already serialized per (base, address). */
export interface OceanFlavour {
  preview(args: { base: string; address: string; expiresAt: number; signal?: AbortSignal | undefined }): Promise<SigningPreview>;
  mint(args: { base: string; wallet: Wallet; preview: SigningPreview; signal?: AbortSignal | undefined }): Promise<MintedToken>;
  revoke(args: { base: string; wallet: Wallet; token: StoredTokenRef; signal?: AbortSignal | undefined }): Promise<RevokeOutcome>;
}

/** An expiry closer than this to now would likely be in the past by the time the server sees it. */
export const MIN_EXPIRY_LEAD_MS = 15_000;
/** Used when the caller does not say. */
export const DEFAULT_OCEAN_LIFETIME_MS = 60 * 60_000;

export function assertFutureExpiry(expiresAt: number, now: number): void {
  if (!(expiresAt >= now + MIN_EXPIRY_LEAD_MS)) {
    throw new AppError('BAD_ARGUMENT', 'That expiry time is in the past or too close to now. Choose a later one and preview again.');
  }
}

/** The approved preview must be this account's, for this flavour, with the message built the way we build it. */
export function assertPreviewMatches(preview: SigningPreview, expected: { base: string; address: string; flavour: OceanFlavourName; message: string }): void {
  if (
    preview.providerUrl !== expected.base ||
    preview.address !== expected.address ||
    preview.flavour !== expected.flavour ||
    !/^\d+$/.test(preview.nonce) ||
    preview.message !== expected.message
  ) {
    throw new AppError('BAD_ARGUMENT', 'The approved signing request does not match this account any more. Preview again.');
  }
}
