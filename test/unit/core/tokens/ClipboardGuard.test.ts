import { describe, expect, it } from 'vitest';
import { ClipboardGuard } from '../../../../main/core/tokens/ClipboardGuard.js';
import { MemoryClipboard } from '../../../support/MemoryClipboard.js';

describe('ClipboardGuard', () => {
  it('clears only once the clear is due, never before', async () => {
    const clipboard = new MemoryClipboard();
    const guard = new ClipboardGuard(clipboard);
    await guard.write('tok-1', 1_000);
    expect(guard.dueAt()).toBe(1_000);
    await expect(guard.clearIfDue(999)).resolves.toBe(false);
    expect(clipboard.text).toBe('tok-1');
    await expect(guard.clearIfDue(1_000)).resolves.toBe(true);
    expect(clipboard.text).toBe('');
    expect(guard.dueAt()).toBeNull();
  });

  it('never clears by time what was copied to stay (no clear time)', async () => {
    const clipboard = new MemoryClipboard();
    const guard = new ClipboardGuard(clipboard);
    await guard.write('tok-1', null);
    await expect(guard.clearIfDue(Number.MAX_SAFE_INTEGER)).resolves.toBe(false);
    expect(clipboard.text).toBe('tok-1');
    // A lock or quit still clears it.
    await expect(guard.clearIfOurs()).resolves.toBe(true);
    expect(clipboard.text).toBe('');
  });

  it('leaves alone what the person copied since, and says it did not clear', async () => {
    const clipboard = new MemoryClipboard();
    const guard = new ClipboardGuard(clipboard);
    await guard.write('tok-1', 1_000);
    clipboard.text = 'their own text';
    await expect(guard.clearIfDue(2_000)).resolves.toBe(false);
    expect(clipboard.text).toBe('their own text');
  });

  it('does not clear, and says so, when the clipboard cannot be read', async () => {
    const clipboard = new MemoryClipboard();
    let clears = 0;
    clipboard.readText = () => Promise.reject(new Error('clipboard busy'));
    clipboard.clear = () => void clears++;
    const guard = new ClipboardGuard(clipboard);
    await guard.write('tok-1', 1_000);
    await expect(guard.clearIfOurs()).resolves.toBe(false);
    expect(clears).toBe(0);
  });

  it('remembers a clear that failed so the next attempt clears it, and reports the failure', async () => {
    const clipboard = new MemoryClipboard();
    const realClear = clipboard.clear.bind(clipboard);
    clipboard.clear = () => {
      throw new Error('clipboard locked by another app');
    };
    const guard = new ClipboardGuard(clipboard);
    await guard.write('tok-1', 1_000);
    await expect(guard.clearIfOurs()).rejects.toThrow('clipboard locked');
    expect(guard.dueAt()).toBe(1_000);
    clipboard.clear = realClear;
    await expect(guard.clearIfDue(1_000)).resolves.toBe(true);
    expect(clipboard.text).toBe('');
  });
});
