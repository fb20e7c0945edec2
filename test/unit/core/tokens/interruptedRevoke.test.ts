import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../main/core/errors.js';
import type { TokenRecord, VaultData } from '../../../../main/core/vault/vaultRecords.js';
import { FakeVaultAccess } from '../../../support/FakeVaultAccess.js';
import { deferred, makeRuntime, nextTurn, storedToken, vaultWith } from './runtimeRig.js';

const INTERRUPTED = 'Revoking was interrupted before the server answered. Revoke again.';

/** A vault whose writes wait for the test to open a gate, as a slow disk would. */
class SlowVault extends FakeVaultAccess {
  #gate: Promise<void> | null = null;

  hold(): () => void {
    let open!: () => void;
    this.#gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    return () => {
      this.#gate = null;
      open();
    };
  }

  override update<T>(mutate: (data: VaultData) => T): Promise<T> {
    const gate = this.#gate;
    return gate ? gate.then(() => super.update(mutate)) : super.update(mutate);
  }
}

function stored(rig: { vault: FakeVaultAccess }, id: string): TokenRecord {
  return rig.vault.read().tokens.find((t) => t.id === id)!;
}

describe('TokenRuntime repairs revokes cut short', () => {
  it("turns a token left 'revoking' into CANCELLED with its message at unlock, and sends the list", async () => {
    const rig = makeRuntime({ data: vaultWith([storedToken('t1', 'revoking', 1), storedToken('t2', 'active', 2)]) });
    const at = rig.clock.now();
    rig.runtime.start();
    await rig.runtime.settled();
    expect(stored(rig, 't1')).toMatchObject({ state: 'revoke_failed', failure: { code: 'CANCELLED', message: INTERRUPTED, at } });
    expect(stored(rig, 't2').state).toBe('active');
    expect(stored(rig, 't2').failure).toBeUndefined();
    const last = rig.lists().at(-1)!;
    expect(last.find((t) => t.id === 't1')).toMatchObject({
      state: 'revoke_failed',
      failure: { code: 'CANCELLED', message: INTERRUPTED, retryable: true },
    });
  });

  it('writes nothing and sends one list when no revoke was cut short', async () => {
    const rig = makeRuntime({ data: vaultWith([storedToken('t1', 'active', 1), storedToken('t2', 'revoke_failed', 2)]) });
    rig.runtime.start();
    await rig.runtime.settled();
    expect(rig.vault.persists).toBe(0);
    expect(rig.lists()).toHaveLength(1);
  });

  it('sends the list again once the repair is written, even when the write takes longer than a turn', async () => {
    const vault = new SlowVault(vaultWith([storedToken('t1', 'revoking', 1)]));
    const rig = makeRuntime({ vault });
    const open = vault.hold();
    rig.runtime.start();
    await nextTurn();
    // The list a turn after unlock still shows the revoke under way.
    expect(rig.lists().at(-1)?.[0]?.state).toBe('revoking');
    open();
    await rig.runtime.settled();
    expect(rig.lists().at(-1)?.[0]).toMatchObject({ state: 'revoke_failed', failure: { code: 'CANCELLED' } });
  });

  it('leaves alone a revoke still in flight at unlock and repairs only the one cut short', async () => {
    const rig = makeRuntime({
      data: vaultWith([storedToken('slow', 'active', 1), storedToken('cut', 'active', 2), storedToken('idle', 'active', 3)]),
    });
    rig.runtime.start();
    await rig.runtime.settled();
    const markRevoking = (id: string): Promise<void> =>
      rig.vault.update((d) => {
        d.tokens.find((t) => t.id === id)!.state = 'revoking';
      });

    // 'slow': its server call does not notice the lock and is still running at the next unlock.
    const slowAnswer = deferred<void>();
    const slow = rig.runtime.revokeOnce('slow', async () => {
      await markRevoking('slow');
      await slowAnswer.promise;
      return rig.vault.update((d) => {
        const t = d.tokens.find((x) => x.id === 'slow')!;
        t.state = 'revoked';
        return t;
      });
    });
    // 'cut': its server call stops at the lock, so nobody waits for it any more.
    const signal = rig.runtime.signal;
    const cut = rig.runtime
      .revokeOnce('cut', async () => {
        await markRevoking('cut');
        await new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new AppError('CANCELLED'))));
        throw new AppError('INTERNAL', 'not reached');
      })
      .catch((e: unknown) => e);
    await rig.clock.flush(20);
    expect(stored(rig, 'slow').state).toBe('revoking');
    expect(stored(rig, 'cut').state).toBe('revoking');

    await rig.vault.lock();
    await expect(cut).resolves.toMatchObject({ code: 'CANCELLED' });
    expect(rig.runtime.isRevoking('cut')).toBe(false);
    expect(rig.runtime.isRevoking('slow')).toBe(true);
    rig.vault.unlock();
    await nextTurn();

    expect(stored(rig, 'cut')).toMatchObject({ state: 'revoke_failed', failure: { code: 'CANCELLED', message: INTERRUPTED } });
    expect(stored(rig, 'slow').state).toBe('revoking');
    expect(stored(rig, 'slow').failure).toBeUndefined();
    expect(stored(rig, 'idle').state).toBe('active');
    expect(stored(rig, 'idle').failure).toBeUndefined();

    slowAnswer.resolve();
    await expect(slow).resolves.toMatchObject({ state: 'revoked' });
    await rig.runtime.settled();
    expect(stored(rig, 'slow').state).toBe('revoked');
  });

  it('does not overwrite a token that a write queued before the repair has settled', async () => {
    const rig = makeRuntime({ data: vaultWith([storedToken('t1', 'active', 1)]), locked: true });
    rig.vault.tamper((d) => {
      d.tokens[0]!.state = 'revoking';
    });
    // Told of the unlock before the runtime: its write is queued ahead of the repair.
    rig.vault.onLockChange((unlocked) => {
      if (unlocked)
        void rig.vault.update((d) => {
          const t = d.tokens[0]!;
          t.state = 'revoked';
          t.revokedAt = rig.clock.now();
        });
    });
    rig.runtime.start();
    rig.vault.unlock();
    await rig.runtime.settled();
    expect(stored(rig, 't1').state).toBe('revoked');
    expect(stored(rig, 't1').failure).toBeUndefined();
  });

  it('logs a repair it could not write (code only) and still sends the list', async () => {
    const rig = makeRuntime({ data: vaultWith([storedToken('t1', 'revoking', 1)]) });
    rig.vault.failPersist = true;
    rig.runtime.start();
    await rig.runtime.settled();
    expect(rig.warnings()).toEqual([expect.objectContaining({ msg: 'interrupted revokes not repaired', code: 'INTERNAL' })]);
    expect(rig.lists()).toHaveLength(1);
    expect(stored(rig, 't1').state).toBe('revoking');
  });
});
