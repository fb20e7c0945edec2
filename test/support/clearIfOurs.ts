import type { MemoryClipboard } from './MemoryClipboard.js';

/** Our copy on the clipboard, and the token service's "clear it only if it is still ours". */
export const OUR_COPY = 'Authorization: Token our-copy';
export function clearIfOurs(clipboard: MemoryClipboard): () => Promise<void> {
  return async () => {
    if ((await clipboard.readText()) === OUR_COPY) clipboard.clear();
  };
}
