import type { GlobalShortcut } from 'electron';
import { describe, expect, it } from 'vitest';
import { createShortcutBinding } from '../../../main/platform/shortcut.js';

/** A globalShortcut whose keys can be owned by "another app", and that throws on bad accelerators as Electron does. */
function fakeGlobalShortcut(takenByOthers: string[] = []) {
  const registered = new Map<string, () => void>();
  const gs: Pick<GlobalShortcut, 'register' | 'unregister'> = {
    register(accelerator, callback) {
      if (accelerator.includes('Bogus')) throw new Error(`Error processing argument at index 0, conversion failure from ${accelerator}`);
      if (takenByOthers.includes(accelerator) || registered.has(accelerator)) return false;
      registered.set(accelerator, callback);
      return true;
    },
    unregister(accelerator) {
      registered.delete(accelerator);
    },
  };
  return { gs, registered, press: (a: string) => registered.get(a)?.() };
}

describe('createShortcutBinding', () => {
  it('registers, fires, replaces and removes the shortcut', () => {
    const f = fakeGlobalShortcut();
    let pressed = 0;
    const binding = createShortcutBinding(f.gs, () => pressed++);
    expect(binding.set('CommandOrControl+Shift+V')).toEqual({ ok: true });
    f.press('CommandOrControl+Shift+V');
    expect(pressed).toBe(1);
    expect(binding.set('Alt+Shift+T')).toEqual({ ok: true });
    expect([...f.registered.keys()]).toEqual(['Alt+Shift+T']);
    expect(binding.set('')).toEqual({ ok: true });
    expect(f.registered.size).toBe(0);
  });

  it('setting the same shortcut again keeps it registered', () => {
    const f = fakeGlobalShortcut();
    const binding = createShortcutBinding(f.gs, () => {});
    binding.set('Alt+T');
    expect(binding.set(' Alt+T ')).toEqual({ ok: true });
    expect([...f.registered.keys()]).toEqual(['Alt+T']);
  });

  it('reports a shortcut another app owns, and an invalid one, instead of failing silently', () => {
    const f = fakeGlobalShortcut(['Ctrl+Alt+T']);
    const binding = createShortcutBinding(f.gs, () => {});
    binding.set('Alt+T');
    expect(binding.set('Ctrl+Alt+T')).toEqual({ ok: false, accelerator: 'Ctrl+Alt+T' });
    expect(binding.set('Ctrl+Bogus')).toEqual({ ok: false, accelerator: 'Ctrl+Bogus' });
    // The old shortcut was released: a failed change leaves none rather than a surprise.
    expect(f.registered.size).toBe(0);
    // Once the other app lets go, trying again works.
    expect(binding.set('Alt+T')).toEqual({ ok: true });
  });

  it('dispose unregisters', () => {
    const f = fakeGlobalShortcut();
    const binding = createShortcutBinding(f.gs, () => {});
    binding.set('Alt+T');
    binding.dispose();
    expect(f.registered.size).toBe(0);
  });
});
