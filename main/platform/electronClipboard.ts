/**
 * The token service's clipboard port on Electron's clipboard. Electron 45's clipboard follows the
 * W3C Clipboard API: readText and writeText return promises; clear stays synchronous. Only the
 * system clipboard is used (never Linux's selection), so clear() touches only what we wrote to.
 * Whether to clear (only if it still holds our copy) is decided by the token service, not here.
 */
import type { Clipboard } from 'electron';

/** Same shape as the token service's port (main/core/tokens/ClipboardPort.ts). */
export interface ClipboardPort {
  readText(): Promise<string>;
  writeText(text: string): Promise<void>;
  clear(): void;
}

export function electronClipboard(clipboard: Pick<Clipboard, 'readText' | 'writeText' | 'clear'>): ClipboardPort {
  return {
    readText: () => clipboard.readText(),
    writeText: (text) => clipboard.writeText(text),
    clear: () => clipboard.clear(),
  };
}
