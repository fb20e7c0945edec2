import type { Clock } from '../clock.js';
import type { SigningPreview } from '../providers/types.js';

/** How long an approved preview may be used to mint: long enough to read it, short enough to be fresh. */
export const PREVIEW_TTL_MS = 5 * 60 * 1000;

interface Stored {
  accountId: string;
  preview: SigningPreview;
  storedAt: number;
}

/** Signing previews shown to the user, kept in memory only, each bound to its account. */
export class SigningPreviews {
  readonly #clock: Clock;
  readonly #byId = new Map<string, Stored>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  put(previewId: string, accountId: string, preview: SigningPreview): void {
    this.#sweep();
    this.#byId.set(previewId, { accountId, preview, storedAt: this.#clock.now() });
  }

  /** The preview if it exists, belongs to this account and is still fresh. */
  get(previewId: string, accountId: string): SigningPreview | undefined {
    this.#sweep();
    const stored = this.#byId.get(previewId);
    return stored && stored.accountId === accountId ? stored.preview : undefined;
  }

  /** A preview signs once: dropped after a successful mint. */
  delete(previewId: string): void {
    this.#byId.delete(previewId);
  }

  clear(): void {
    this.#byId.clear();
  }

  #sweep(): void {
    const now = this.#clock.now();
    for (const [id, stored] of this.#byId) {
      // A clock set back must not keep a preview alive forever either.
      if (now - stored.storedAt > PREVIEW_TTL_MS || now < stored.storedAt) this.#byId.delete(id);
    }
  }
}
