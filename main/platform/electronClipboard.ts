/**
 * The token service's clipboard port on Electron's clipboard. Electron 45's clipboard follows the
 * W3C Clipboard API: read/write take ClipboardItems and return promises; clear stays synchronous.
 * Only the system clipboard is used (never Linux's selection), so clear() touches only what we
 * wrote to. Whether to clear (only if it still holds our copy) is decided by the token service.
 *
 * A token is written as one atomic ClipboardItem: the text plus the markers password managers use
 * so clipboard history, cloud clipboard sync and clipboard managers leave it alone.
 */
import type { Clipboard, ClipboardItem } from 'electron';

/** Same shape as the token service's port (main/core/tokens/ClipboardPort.ts). */
export interface ClipboardPort {
  readText(): Promise<string>;
  writeText(text: string): Promise<void>;
  clear(): void;
}

/** A raw platform clipboard format, in Electron's custom-format syntax. */
export const osFormat = (name: string): string => `electron application/osclipboard;format="${name}"`;

/** A little-endian DWORD, as Windows reads these flags. */
const dword = (n: number): Blob => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return new Blob([b]);
};

/**
 * The "this is a secret" markers for each platform:
 * - Windows: ExcludeClipboardContentFromMonitorProcessing (any data) keeps the entry out of clipboard
 *   history, cloud sync and monitors; CanIncludeInClipboardHistory = 0 and CanUploadToCloudClipboard = 0
 *   say the same to the built-in history for older builds.
 * - macOS: org.nspasteboard.ConcealedType (nspasteboard.org), honoured by clipboard managers.
 * - Linux (KDE Klipper, CopyQ, …): x-kde-passwordManagerHint = "secret".
 */
export function clipboardHints(platform: string): Record<string, string | Blob> {
  switch (platform) {
    case 'win32':
      return {
        [osFormat('ExcludeClipboardContentFromMonitorProcessing')]: dword(0),
        [osFormat('CanIncludeInClipboardHistory')]: dword(0),
        [osFormat('CanUploadToCloudClipboard')]: dword(0),
      };
    case 'darwin':
      return { [osFormat('org.nspasteboard.ConcealedType')]: '' };
    case 'linux':
      return { [osFormat('x-kde-passwordManagerHint')]: 'secret' };
    default:
      return {};
  }
}

export type ClipboardItemCtor = new (items: Record<string, string | Blob>) => ClipboardItem;

export function electronClipboard(
  clipboard: Pick<Clipboard, 'readText' | 'write' | 'clear'>,
  options: { platform: string; ClipboardItem: ClipboardItemCtor },
): ClipboardPort {
  return {
    readText: () => clipboard.readText(),
    writeText: (text) => clipboard.write([new options.ClipboardItem({ 'text/plain': text, ...clipboardHints(options.platform) })]),
    clear: () => clipboard.clear(),
  };
}
