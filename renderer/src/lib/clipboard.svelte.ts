import type { CopyResult } from '../../../preload/contract';
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

  copied(tokenId: string, label: string, result: CopyResult): void {
    this.#last = { ...result, tokenId, label };
  }

  cleared(): void {
    this.#last = null;
  }
}
