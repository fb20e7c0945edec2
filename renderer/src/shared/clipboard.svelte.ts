import { isUsable, type CopyResult, type TokenState } from '../../../preload/contract';
import type { Clock } from './clock.svelte.js';

interface Copied extends CopyResult {
  tokenId: string;
  label: string;
}

/** What main last put on the clipboard for us, until main clears it or the clear time passes. */
export class ClipboardStore {
  #last = $state.raw<Copied | null>(null);
  #clock: Clock;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** The copy still on the clipboard, by the shared clock. */
  current = $derived.by((): Copied | null => {
    const last = this.#last;
    if (!last) return null;
    return last.clearsAt === null || last.clearsAt > this.#clock.now ? last : null;
  });

  /**
   * Whether a token's row says "Copied": its copy is still on the clipboard AND the token is still
   * usable. Once it is revoking, revoked or expired the old copy is worth nothing, so the row must not
   * suggest otherwise (the clipboard note still says what the clipboard holds until main clears it).
   */
  isCopied(tokenId: string, state: TokenState): boolean {
    return isUsable(state) && this.current?.tokenId === tokenId;
  }

  copied(tokenId: string, label: string, result: CopyResult): void {
    this.#last = { ...result, tokenId, label };
  }

  cleared(): void {
    this.#last = null;
  }
}
