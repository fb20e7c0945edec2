import { describe, expect, it } from 'vitest';
import { MemoryClipboard } from '../../../support/MemoryClipboard.js';
import { makeRuntime, storedToken, vaultWith } from './runtimeRig.js';

const OURS = 'Authorization: Token azion-session-value-t1-0123456789abcdef';

/** A clipboard the system refuses to clear (another app holds it open). */
class StuckClipboard extends MemoryClipboard {
  override clear(): void {
    throw new Error('the clipboard is held by another application');
  }
}

describe('TokenRuntime clipboard', () => {
  it('clears our copy when asked and tells the window once', async () => {
    const rig = makeRuntime();
    await rig.runtime.clipboard.write(OURS, null);
    await expect(rig.runtime.clearClipboard()).resolves.toBe(true);
    expect(rig.clipboard.text).toBe('');
    expect(rig.others()).toEqual([{ type: 'clipboard-cleared' }]);
  });

  it('leaves alone what the person copied since, and says nothing', async () => {
    const rig = makeRuntime();
    await rig.runtime.clipboard.write(OURS, null);
    rig.clipboard.text = 'their own text';
    await expect(rig.runtime.clearClipboard()).resolves.toBe(false);
    expect(rig.clipboard.text).toBe('their own text');
    expect(rig.others()).toEqual([]);
  });

  it('clears our copy on lock: one clipboard-cleared and an empty list', async () => {
    const rig = makeRuntime({ data: vaultWith([storedToken('t1', 'active', 1)]) });
    rig.runtime.start();
    await rig.runtime.settled();
    await rig.runtime.clipboard.write(OURS, null);
    await rig.vault.lock();
    await rig.clock.flush(20);
    expect(rig.clipboard.text).toBe('');
    expect(rig.others()).toEqual([{ type: 'clipboard-cleared' }]);
    expect(rig.events.at(-1)).toEqual({ type: 'clipboard-cleared' });
    expect(rig.lists().at(-1)).toEqual([]);
  });

  it('says nothing on lock when the person copied something else, or nothing was copied', async () => {
    const rig = makeRuntime();
    rig.runtime.start();
    await rig.runtime.settled();
    await rig.vault.lock();
    await rig.clock.flush(20);
    rig.vault.unlock();
    await rig.runtime.settled();
    await rig.runtime.clipboard.write(OURS, null);
    rig.clipboard.text = 'their own text';
    await rig.vault.lock();
    await rig.clock.flush(20);
    expect(rig.clipboard.text).toBe('their own text');
    expect(rig.others()).toEqual([]);
  });

  it('logs a clear that fails on lock (code only) and leaves it to quit', async () => {
    const clipboard = new StuckClipboard();
    const rig = makeRuntime({ clipboard });
    rig.runtime.start();
    await rig.runtime.settled();
    await rig.runtime.clipboard.write(OURS, null);
    await rig.vault.lock();
    await rig.clock.flush(20);
    expect(rig.others()).toEqual([]);
    expect(rig.warnings()).toEqual([
      expect.objectContaining({ msg: 'the clipboard could not be cleared on lock; quitting tries again', code: 'INTERNAL' }),
    ]);
    expect(rig.lines.join('\n')).not.toContain('held by another application');
    // Still remembered: quit tries again.
    await expect(rig.runtime.clipboard.clearIfOurs()).rejects.toThrow(/held by another application/);
  });

  it('clears our copy on quit and tells the window once', async () => {
    const rig = makeRuntime();
    rig.runtime.start();
    await rig.runtime.settled();
    await rig.runtime.clipboard.write(OURS, null);
    await rig.runtime.dispose();
    expect(rig.clipboard.text).toBe('');
    expect(rig.others()).toEqual([{ type: 'clipboard-cleared' }]);
  });

  it('leaves the person’s own copy on quit and says nothing', async () => {
    const rig = makeRuntime();
    rig.runtime.start();
    await rig.runtime.settled();
    await rig.runtime.clipboard.write(OURS, null);
    rig.clipboard.text = 'their own text';
    await rig.runtime.dispose();
    expect(rig.clipboard.text).toBe('their own text');
    expect(rig.others()).toEqual([]);
  });
});
