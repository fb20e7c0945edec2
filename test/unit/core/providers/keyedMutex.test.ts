import { describe, expect, it } from 'vitest';
import { KeyedMutex } from '../../../../main/core/providers/keyedMutex.js';
import { createMemoryExpirationLedger } from '../../../../main/core/providers/memoryExpirationLedger.js';
import { pickExpirationSecond } from '../../../../main/core/providers/ocean/pythonProviderFlavour.js';

/** A promise the test resolves by hand. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

describe('KeyedMutex', () => {
  it('runs tasks for one key one at a time in call order; other keys do not wait', async () => {
    const mutex = new KeyedMutex();
    const events: string[] = [];
    const g1 = gate();
    const first = mutex.run('k', async () => {
      events.push('a start');
      await g1.promise;
      events.push('a end');
    });
    const second = mutex.run('k', async () => {
      events.push('b');
    });
    const other = mutex.run('other', async () => {
      events.push('other');
    });
    await other;
    expect(events).toEqual(['a start', 'other']);
    g1.open();
    await Promise.all([first, second]);
    expect(events).toEqual(['a start', 'other', 'a end', 'b']);
    expect(mutex.busyKeys).toBe(0);
  });

  it('a failing task fails its caller only; the next one still runs', async () => {
    const mutex = new KeyedMutex();
    const failed = mutex.run('k', async () => {
      throw new Error('boom');
    });
    const next = mutex.run('k', async () => 42);
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe(42);
  });

  it('an earlier task finishing does not drop the newer tail: a later call still waits for the running one', async () => {
    const mutex = new KeyedMutex();
    const events: string[] = [];
    const g1 = gate();
    const g2 = gate();
    const first = mutex.run('k', async () => {
      await g1.promise;
      events.push('a end');
    });
    const second = mutex.run('k', async () => {
      events.push('b start');
      await g2.promise;
      events.push('b end');
    });
    g1.open();
    await first;
    // Let the first task's clean-up run while the second is still in progress.
    for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(events).toEqual(['a end', 'b start']);
    expect(mutex.busyKeys).toBe(1);
    const third = mutex.run('k', async () => {
      events.push('c');
    });
    for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(events).toEqual(['a end', 'b start']);
    g2.open();
    await Promise.all([second, third]);
    expect(events).toEqual(['a end', 'b start', 'b end', 'c']);
    expect(mutex.busyKeys).toBe(0);
  });
});

describe('pickExpirationSecond', () => {
  it('takes the wanted second, or the next one no mint used for that provider and address', async () => {
    const ledger = createMemoryExpirationLedger({ 'http://p|0xA': [100, 101, 103] });
    expect(pickExpirationSecond(ledger, 'http://p', '0xA', 100_999)).toBe(102);
    expect(pickExpirationSecond(ledger, 'http://p', '0xA', 99_000)).toBe(99);
    expect(pickExpirationSecond(ledger, 'http://p', '0xB', 100_000)).toBe(100);
    expect(pickExpirationSecond(ledger, 'http://q', '0xA', 100_000)).toBe(100);
  });
});
