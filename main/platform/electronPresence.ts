/**
 * The Presence port on Electron: main's own native dialogs (dialog.showMessageBox, which no script
 * in the window can draw, click or answer) and the input main itself sees on the window's
 * webContents. Synthetic DOM events a script dispatches never reach 'input-event' or
 * 'before-input-event': only real keyboard, mouse and touch input does.
 */
import type { BaseWindow, MessageBoxOptions, MessageBoxReturnValue, WebContents } from 'electron';
import type { Clock } from '../core/clock.js';
import type { Presence, PresencePrompt } from '../core/presence/Presence.js';

/** Input types that mean a person acted (not a passing pointer or a held key repeating). */
const PERSON_INPUT = new Set(['mouseDown', 'pointerDown', 'rawKeyDown', 'keyDown', 'gestureTap', 'touchStart']);

export function isPersonInput(type: string | undefined, modifiers: readonly string[] = []): boolean {
  return type !== undefined && PERSON_INPUT.has(type) && !modifiers.includes('isautorepeat');
}

export interface ElectronPresenceDeps {
  clock: Clock;
  /** The window the dialog belongs to (sheet on macOS); null shows an app-modal dialog. */
  window(): BaseWindow | null;
  showMessageBox(window: BaseWindow | null, options: MessageBoxOptions): Promise<MessageBoxReturnValue>;
}

export interface ElectronPresence extends Presence {
  /** Starts watching a window's webContents for the person's real input. */
  watch(contents: Pick<WebContents, 'on'>): void;
}

export function electronPresence(deps: ElectronPresenceDeps): ElectronPresence {
  let lastInput = Number.NEGATIVE_INFINITY;
  // One question at a time: a second request waits for the first answer instead of stacking dialogs.
  let queue: Promise<unknown> = Promise.resolve();

  const show = async (prompt: PresencePrompt): Promise<number> => {
    const win = deps.window();
    const options: MessageBoxOptions = {
      type: 'warning',
      title: prompt.title,
      message: prompt.message,
      detail: prompt.detail,
      buttons: [...prompt.choices],
      cancelId: prompt.cancelIndex,
      defaultId: prompt.defaultIndex ?? prompt.cancelIndex,
      noLink: true,
      normalizeAccessKeys: false,
    };
    try {
      const { response } = await deps.showMessageBox(win && !win.isDestroyed() ? win : null, options);
      return Number.isInteger(response) && response >= 0 && response < prompt.choices.length ? response : prompt.cancelIndex;
    } catch {
      return prompt.cancelIndex; // no dialog, no approval
    }
  };

  return {
    ask(prompt) {
      const answer = queue.then(() => show(prompt));
      queue = answer.catch(() => undefined);
      return answer;
    },
    recentInput(withinMs) {
      const age = deps.clock.now() - lastInput;
      return age >= 0 && age <= withinMs;
    },
    watch(contents) {
      const seen = (type: string | undefined, modifiers?: readonly string[]): void => {
        if (isPersonInput(type, modifiers)) lastInput = deps.clock.now();
      };
      contents.on('input-event', (_event, input) => seen(input.type, input.modifiers));
      contents.on('before-input-event', (_event, input) => seen(input.type, input.modifiers));
    },
  };
}
