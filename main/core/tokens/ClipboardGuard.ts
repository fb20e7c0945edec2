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

  write(text: string, clearsAt: number | null): void {
    this.#clipboard.writeText(text);
    this.#written = { text, clearsAt };
  }

  /** When the pending clear is due, or null. */
  dueAt(): number | null {
    return this.#written?.clearsAt ?? null;
  }

  /** Clears if due at `now`; true if the clipboard was cleared. */
  clearIfDue(now: number): boolean {
    const due = this.dueAt();
    return due !== null && now >= due ? this.clearIfOurs() : false;
  }

  /** On lock, quit or schedule: clears only if unchanged; forgets what it wrote either way. */
  clearIfOurs(): boolean {
    const written = this.#written;
    this.#written = null;
    if (!written) return false;
    let current: string;
    try {
      current = this.#clipboard.readText();
    } catch {
      return false;
    }
    if (current !== written.text) return false;
    this.#clipboard.clear();
    return true;
  }
}
