import type { ClipboardPort } from './ClipboardPort.js';

/**
 * Remembers the last text we put on the clipboard and clears it later only if the clipboard still
 * holds exactly that: whatever the user copied since is theirs and is left alone.
 */
export class ClipboardGuard {
  readonly #clipboard: ClipboardPort;
  #written: { text: string; clearsAt: number | null } | null = null;

  constructor(clipboard: ClipboardPort) {
    this.#clipboard = clipboard;
  }

  async write(text: string, clearsAt: number | null): Promise<void> {
    // Remember before writing: a lock racing the write must still clear what lands.
    this.#written = { text, clearsAt };
    await this.#clipboard.writeText(text);
  }

  /** When the pending clear is due, or null. */
  dueAt(): number | null {
    return this.#written?.clearsAt ?? null;
  }

  /** Clears if due at `now`; true if the clipboard was cleared. */
  async clearIfDue(now: number): Promise<boolean> {
    const due = this.dueAt();
    return due !== null && now >= due ? this.clearIfOurs() : false;
  }

  /**
   * On lock, quit or schedule: clears only if unchanged, then forgets what it wrote. A clear that
   * throws is remembered again (unless something newer was written meanwhile), so the next lock,
   * the quit or the timer tries once more, and the error goes to the caller.
   */
  async clearIfOurs(): Promise<boolean> {
    const written = this.#written;
    this.#written = null;
    if (!written) return false;
    let current: string;
    try {
      current = await this.#clipboard.readText();
      // Stryker disable next-line BlockStatement: without the return, `current` stays undefined and the check below returns false all the same
    } catch {
      return false;
    }
    if (current !== written.text) return false;
    try {
      this.#clipboard.clear();
    } catch (e) {
      this.#written ??= written;
      throw e;
    }
    return true;
  }
}
