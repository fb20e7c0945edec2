/**
 * A Presence for the command-line agent's prompts: a native message box owned by main, so the
 * window (untrusted) can neither answer it nor see it. Where issue 12's presence adapter lands, main
 * can pass that one instead; this adapter only needs `ask`.
 */
import { dialog, type BrowserWindow, type MessageBoxOptions } from 'electron';
import type { Presence } from '../core/presence/Presence.js';

export function messageBoxPresence(parent: () => BrowserWindow | null): Presence {
  return {
    async ask(prompt) {
      const options: MessageBoxOptions = {
        type: 'question',
        title: prompt.title,
        message: prompt.message,
        detail: prompt.detail,
        buttons: [...prompt.choices],
        cancelId: prompt.cancelIndex,
        defaultId: prompt.defaultIndex ?? prompt.cancelIndex,
        noLink: true,
      };
      // A sheet on a window hidden in the tray would be invisible: then the box stands alone.
      const win = parent();
      const { response } = win && !win.isDestroyed() && win.isVisible() ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
      return response;
    },
    // The agent's prompts need an answer, not recent input; no window input counts for them.
    recentInput: () => false,
  };
}
