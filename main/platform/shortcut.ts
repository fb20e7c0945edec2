/**
 * The optional global shortcut that shows the window. Registration can fail (another app owns the
 * keys, or the accelerator is not valid: Electron then throws); that is reported back so Settings
 * can show it as a limitation instead of the shortcut silently doing nothing.
 */
import type { GlobalShortcut } from 'electron';

export type ShortcutResult = { ok: true } | { ok: false; accelerator: string };

export interface ShortcutBinding {
  /** Replaces the current shortcut; '' removes it. */
  set(accelerator: string): ShortcutResult;
  dispose(): void;
}

export function createShortcutBinding(gs: Pick<GlobalShortcut, 'register' | 'unregister'>, onPress: () => void): ShortcutBinding {
  let current = '';
  const release = (): void => {
    if (current) gs.unregister(current);
    current = '';
  };
  return {
    set(accelerator) {
      const wanted = accelerator.trim();
      if (wanted === current) return { ok: true };
      release();
      if (!wanted) return { ok: true };
      let ok: boolean;
      try {
        ok = gs.register(wanted, onPress);
      } catch {
        ok = false;
      }
      if (!ok) return { ok: false, accelerator: wanted };
      current = wanted;
      return { ok: true };
    },
    dispose: release,
  };
}
