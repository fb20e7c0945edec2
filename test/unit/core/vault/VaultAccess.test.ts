import * as nodeFs from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../../main/core/log.js';
import { Redactor } from '../../../../main/core/redact.js';
import { AtomicVaultFile } from '../../../../main/core/vault/AtomicVaultFile.js';
import type { VaultFs } from '../../../../main/core/vault/VaultFile.js';
import type { VaultData } from '../../../../main/core/vault/vaultRecords.js';
import { Vault } from '../../../../main/core/vault/Vault.js';
import type { VaultAccess } from '../../../../main/core/vault/VaultAccess.js';
import { FakeClock } from '../../../support/FakeClock.js';
import { FakeVaultAccess } from '../../../support/FakeVaultAccess.js';
import { TEST_KDF } from '../../../support/testKdf.js';
import { codeOf, TEST_PASSWORD } from '../../../support/vaultHarness.js';

/**
 * The VaultAccess contract, run against the real Vault and the FakeVaultAccess the token, audit and
 * ledger tests use, so the fake cannot drift from what it stands for. Each subject starts empty and
 * unlocked.
 */
interface Subject {
  access: VaultAccess;
  lock(): Promise<void>;
  unlock(): Promise<void>;
  /** From now on every write fails (as a full disk would), or works again. */
  failWrites(failing: boolean): void;
  /** What the app would read after a restart. */
  stored(): Promise<VaultData>;
  close(): Promise<void>;
}

const WRITES = new Set<PropertyKey>(['write', 'writev', 'writeFile', 'appendFile', 'sync', 'datasync', 'truncate']);

/** The real Vault over a temporary file whose writes fail, from open() to fsync, while `failing`. */
async function realVault(): Promise<Subject> {
  const dir = await mkdtemp(join(tmpdir(), 'tv-access-'));
  let failing = false;
  const full = (): Error => Object.assign(new Error('no space left on device (test)'), { code: 'ENOSPC' });
  const failable = (fh: FileHandle): FileHandle =>
    new Proxy(fh, {
      get(target, key) {
        if (failing && WRITES.has(key)) return () => Promise.reject(full());
        const value: unknown = Reflect.get(target, key);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  const fs: VaultFs = {
    ...nodeFs,
    open: async (...args: Parameters<typeof nodeFs.open>) => {
      if (failing) throw full();
      return failable(await nodeFs.open(...args));
    },
    rename: async (...args: Parameters<typeof nodeFs.rename>) => {
      if (failing) throw full();
      return nodeFs.rename(...args);
    },
  };
  const redactor = new Redactor();
  const open = (): Vault =>
    new Vault({
      file: new AtomicVaultFile(join(dir, 'vault.json'), fs),
      clock: new FakeClock(),
      redactor,
      logger: createLogger({ write: () => undefined }, redactor),
      kdf: TEST_KDF,
    });
  const vault = open();
  await vault.create(TEST_PASSWORD);
  return {
    access: vault,
    lock: () => vault.lock(),
    unlock: () => vault.unlock(TEST_PASSWORD),
    failWrites: (f) => void (failing = f),
    stored: async () => {
      const again = open();
      await again.unlock(TEST_PASSWORD);
      const data = structuredClone(again.read());
      await again.lock();
      return data;
    },
    close: async () => {
      await vault.lock();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function fakeVault(): Promise<Subject> {
  const fake = new FakeVaultAccess();
  return Promise.resolve({
    access: fake,
    lock: () => fake.lock(),
    unlock: async () => fake.unlock(),
    failWrites: (f) => void (fake.failPersist = f),
    stored: async () => fake.snapshot(),
    close: async () => undefined,
  });
}

describe.each([
  ['Vault', realVault],
  ['FakeVaultAccess', fakeVault],
])('VaultAccess contract: %s', (_name, make) => {
  let s: Subject;
  beforeEach(async () => {
    s = await make();
  });
  afterEach(() => s.close());

  const set = (key: string, value: number) => s.access.update((d) => void (d.oceanExpirations[key] = [value]));

  it("resolves with the mutator's result; read() shows the change at once and after a lock and a restart", async () => {
    expect(s.access.isUnlocked()).toBe(true);
    expect(s.access.read().oceanExpirations).toEqual({});
    expect(await s.access.update((d) => ((d.oceanExpirations['k'] = [1, 2]), 'done'))).toBe('done');
    expect(s.access.read().oceanExpirations).toEqual({ k: [1, 2] });
    await s.lock();
    await s.unlock();
    expect(s.access.read().oceanExpirations).toEqual({ k: [1, 2] });
    expect((await s.stored()).oceanExpirations).toEqual({ k: [1, 2] });
  });

  it('serializes updates: each mutator sees the one before', async () => {
    const bump = () =>
      s.access.update((d) => {
        const n = (d.oceanExpirations['n']?.[0] ?? 0) + 1;
        d.oceanExpirations['n'] = [n];
        return n;
      });
    expect(await Promise.all([bump(), bump(), bump(), bump()])).toEqual([1, 2, 3, 4]);
    expect((await s.stored()).oceanExpirations).toEqual({ n: [4] });
  });

  it('a mutator that throws rejects with its error, changes nothing, and the next update runs', async () => {
    await set('a', 1);
    const failed = s.access.update((d) => {
      d.oceanExpirations['a'] = [2];
      d.accounts.push({ id: 'x' } as never);
      throw new Error('mutator failed');
    });
    const next = set('b', 3);
    await expect(failed).rejects.toThrow('mutator failed');
    await next;
    expect(s.access.read().oceanExpirations).toEqual({ a: [1], b: [3] });
    expect(s.access.read().accounts).toEqual([]);
  });

  it('a write that fails rejects and changes nothing, in memory or stored; the next write works', async () => {
    await set('a', 1);
    s.failWrites(true);
    // The journal's path (tokens, audit, ledger) and the sealed file's (accounts).
    await expect(set('a', 2)).rejects.toThrow();
    await expect(s.access.update((d) => void d.accounts.push({ id: 'x' } as never))).rejects.toThrow();
    expect(s.access.read().oceanExpirations).toEqual({ a: [1] });
    expect(s.access.read().accounts).toEqual([]);
    s.failWrites(false);
    await set('b', 4);
    expect(s.access.read().oceanExpirations).toEqual({ a: [1], b: [4] });
    const stored = await s.stored();
    expect(stored.oceanExpirations).toEqual({ a: [1], b: [4] });
    expect(stored.accounts).toEqual([]);
  });

  it('while locked, read() throws LOCKED and update() rejects with it, touching nothing', async () => {
    await set('a', 1);
    await s.lock();
    expect(s.access.isUnlocked()).toBe(false);
    expect(() => s.access.read()).toThrow(expect.objectContaining({ code: 'LOCKED' }));
    let ran = false;
    expect(await codeOf(s.access.update(() => void (ran = true)))).toBe('LOCKED');
    expect(ran).toBe(false);
    await s.unlock();
    expect(s.access.read().oceanExpirations).toEqual({ a: [1] });
  });

  it('persists the updates asked for before a lock and refuses those asked for after it', async () => {
    const before = set('x', 9);
    const locking = s.lock();
    const after = set('y', 1);
    await before;
    await locking;
    expect(await codeOf(after)).toBe('LOCKED');
    expect((await s.stored()).oceanExpirations).toEqual({ x: [9] });
  });

  it('tells lock listeners false on lock and true on unlock, until they unsubscribe', async () => {
    const heard: boolean[] = [];
    const stop = s.access.onLockChange((unlocked) => heard.push(unlocked));
    await s.lock();
    await s.unlock();
    stop();
    await s.lock();
    expect(heard).toEqual([false, true]);
  });
});
