import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../../main/core/log.js';
import { AppError } from '../../../../main/core/errors.js';
import { Redactor } from '../../../../main/core/redact.js';
import { cleanupBackoffMs } from '../../../../main/core/tokens/cleanupQueue.js';
import { renewBackoffMs } from '../../../../main/core/tokens/renewBackoff.js';
import { revokeToken } from '../../../../main/core/tokens/revokeToken.js';
import { TokenRuntime } from '../../../../main/core/tokens/TokenRuntime.js';
import { MAX_TIMER_MS, TokenScheduler } from '../../../../main/core/tokens/TokenScheduler.js';
import type { CleanupRecord, TokenRecord, VaultData } from '../../../../main/core/vault/vaultRecords.js';
import type { AppEvent } from '../../../../preload/contract.js';
import { DEFAULT_SETTINGS, type Settings } from '../../../../preload/settings.js';
import { FakeClock } from '../../../support/FakeClock.js';
import { FakeProvider } from '../../../support/FakeProvider.js';
import { FakeVaultAccess } from '../../../support/FakeVaultAccess.js';
import { MemoryClipboard } from '../../../support/MemoryClipboard.js';
import { azionAccount, HOUR, MINUTE } from './harness.js';
import { deferred, storedToken, vaultWith, type LogLine } from './runtimeRig.js';

const DAY = 24 * HOUR;

/** The in-memory vault, whose next `failNext` writes fail as a full disk would. */
class FlakyVault extends FakeVaultAccess {
  failNext = 0;
  override update<T>(mutate: (data: VaultData) => T): Promise<T> {
    if (this.failNext === 0) return super.update(mutate);
    this.failNext--;
    return Promise.reject(new AppError('INTERNAL', 'The vault file could not be written (test).'));
  }
}

interface SchedulerRig {
  scheduler: TokenScheduler;
  runtime: TokenRuntime;
  clock: FakeClock;
  vault: FlakyVault;
  azion: FakeProvider;
  clipboard: MemoryClipboard;
  settings: Settings;
  events: AppEvent[];
  /** Called on every event, after it is recorded (a window that answers, or one that throws). */
  onEmit: ((e: AppEvent) => void) | null;
  log(level: string, msg: string): LogLine[];
  alerts(): string[];
  /** Lets the background work run to its end; no time passes. */
  settle(): Promise<void>;
}

/** A real TokenScheduler over a TokenRuntime of fakes, driven by hand: the runtime is not started. */
function schedulerRig(data: VaultData, settings: Partial<Settings> = {}): SchedulerRig {
  const clock = new FakeClock();
  const redactor = new Redactor();
  const vault = new FlakyVault(data, { redactor });
  const azion = new FakeProvider('azion', { clock });
  const clipboard = new MemoryClipboard();
  const lines: string[] = [];
  const logger = createLogger({ write: (line) => lines.push(line) }, redactor, () => clock.now());
  const allSettings: Settings = { ...DEFAULT_SETTINGS, ...settings };
  let scheduler: TokenScheduler | undefined;
  const events: AppEvent[] = [];
  const runtime = new TokenRuntime(
    {
      vault,
      providers: () => azion,
      clock,
      clipboard,
      settings: () => allSettings,
      redactor,
      logger,
      emit: (e) => {
        events.push(e);
        rig.onEmit?.(e);
      },
    },
    (rt, guard) => (scheduler = new TokenScheduler(rt, guard)),
  );
  const rig: SchedulerRig = {
    scheduler: scheduler!,
    runtime,
    clock,
    vault,
    azion,
    clipboard,
    settings: allSettings,
    events,
    onEmit: null,
    log: (level, msg) => lines.map((l) => JSON.parse(l) as LogLine).filter((l) => l.level === level && l.msg === msg),
    alerts: () => events.flatMap((e) => (e.type === 'expiry-alert' ? [e.tokenId] : [])),
    settle: async () => {
      for (let i = 0; i < 5; i++) {
        await runtime.settled();
        await clock.flush(20);
      }
    },
  };
  return rig;
}

function at(rig: SchedulerRig): number {
  return rig.clock.now();
}

/** A live token of account 'a' whose expiry alert (15 min lead) falls `alertIn` from the clock's start. */
function alerting(id: string, alertIn: number): TokenRecord {
  const now = new FakeClock().now();
  return storedToken(id, 'active', now - HOUR, { expiresAt: now + alertIn + 15 * MINUTE });
}

/** A token that expired (and so left the list's retention of 24 h) `ago` before the clock's start. */
function longExpired(id: string, ago = HOUR): TokenRecord {
  const now = new FakeClock().now();
  return storedToken(id, 'active', now - 3 * DAY, { expiresAt: now - DAY - ago });
}

function cleanupRecord(id: string, nextAttemptAt: number, extra: Partial<CleanupRecord> = {}): CleanupRecord {
  const now = new FakeClock().now();
  return {
    id,
    accountId: 'a',
    token: { kind: 'azion-session', value: `leftover-${id}-not-a-real-one`, expiresAt: now + DAY },
    reason: 'temporary session of a mint',
    createdAt: now - HOUR,
    attempts: 1,
    nextAttemptAt,
    lastError: { code: 'NETWORK', message: 'Could not reach the server.' },
    ...extra,
  };
}

function withCleanup(records: CleanupRecord[], tokens: TokenRecord[] = []): VaultData {
  return { ...vaultWith(tokens), cleanup: records };
}


/** However a test goes, the server answers a few revokes and then the scheduler stops (a broken rule cannot loop for ever). */
function capRevokes(rig: SchedulerRig): void {
  for (let i = 0; i < 10; i++) {
    rig.azion.script.revoke.push(() => {
      if (rig.azion.calls.revoke.length >= 4) rig.scheduler.stop();
      return 'revoked';
    });
  }
}

describe('TokenScheduler: one tick at a time', () => {
  it('works on tick() from the start: a new scheduler is not stopped', () => {
    const rig = schedulerRig(vaultWith([alerting('t1', 0)]));
    rig.scheduler.tick();
    expect(rig.alerts()).toEqual(['t1']);
  });

  it('folds a tick asked for during a tick into one more pass after it: nothing is alerted twice', () => {
    const rig = schedulerRig(vaultWith([alerting('t1', 0), alerting('t2', 0)]));
    rig.onEmit = (e) => {
      if (e.type === 'expiry-alert') rig.scheduler.tick();
    };
    rig.scheduler.tick();
    expect(rig.alerts()).toEqual(['t1', 't2']);
  });

  it('runs the folded tick right after the first, at the clock of that moment', () => {
    const rig = schedulerRig(vaultWith([alerting('t1', 0), alerting('t2', 5 * MINUTE)]));
    rig.onEmit = (e) => {
      if (e.type !== 'expiry-alert' || e.tokenId !== 't1') return;
      rig.clock.jump(5 * MINUTE);
      rig.scheduler.tick();
    };
    rig.scheduler.tick();
    // No timer fired: the second pass saw the new time.
    expect(rig.alerts()).toEqual(['t1', 't2']);
  });

  it('logs a tick that throws as "token schedule failed" with the error code, and goes on ticking', () => {
    const rig = schedulerRig(vaultWith([alerting('t1', 0), alerting('t2', MINUTE)]));
    rig.onEmit = (e) => {
      if (e.type === 'expiry-alert' && e.tokenId === 't1') throw new AppError('NETWORK');
    };
    expect(() => rig.scheduler.tick()).not.toThrow();
    expect(rig.log('error', 'token schedule failed')).toEqual([expect.objectContaining({ code: 'NETWORK' })]);
    rig.onEmit = null;
    rig.scheduler.tick();
    rig.clock.advance(MINUTE);
    expect(rig.alerts()).toEqual(['t1', 't2']);
  });

  it('arms no timer when nothing is ever due', () => {
    const rig = schedulerRig(vaultWith([]));
    rig.scheduler.start();
    expect(rig.clock.pending()).toBe(0);
  });

  it('does nothing after stop(), though the vault is still unlocked (quit): no work, no timer', () => {
    const rig = schedulerRig(vaultWith([alerting('t1', 0), alerting('t2', MINUTE)]));
    rig.scheduler.stop();
    rig.scheduler.tick();
    expect(rig.alerts()).toEqual([]);
    expect(rig.clock.pending()).toBe(0);
  });

  it('logs a timed clipboard clear that fails with its code', async () => {
    const rig = schedulerRig(vaultWith([]));
    await rig.runtime.clipboard.write('copied text', at(rig));
    rig.clipboard.clear = () => {
      throw new Error('clipboard backend gone');
    };
    rig.scheduler.tick();
    await rig.clock.flush();
    expect(rig.log('warn', 'the clipboard could not be cleared; the next lock or quit tries again')).toEqual([expect.objectContaining({ code: 'INTERNAL' })]);
  });
});

describe('TokenScheduler.clipboardChanged: a copy only moves the timer', () => {
  it('does not go over the tokens: an alert that fell due in a sleep waits for the next tick', async () => {
    const rig = schedulerRig(vaultWith([alerting('t1', MINUTE)]));
    rig.scheduler.start();
    rig.clock.jump(2 * MINUTE);
    await rig.runtime.clipboard.write('copied text', at(rig) + 30_000);
    rig.scheduler.clipboardChanged();
    expect(rig.alerts()).toEqual([]);
  });

  it('arms no timer once stopped, even with the vault unlocked', async () => {
    const rig = schedulerRig(vaultWith([]));
    rig.scheduler.start();
    rig.scheduler.stop();
    await rig.runtime.clipboard.write('copied text', at(rig) + 30_000);
    rig.scheduler.clipboardChanged();
    expect(rig.clock.pending()).toBe(0);
  });

  it('re-arms earlier for a clear due before the armed timer', async () => {
    const rig = schedulerRig(vaultWith([alerting('t1', 2 * HOUR)]));
    rig.scheduler.start();
    expect(rig.clock.nextAt()).toBe(at(rig) + MAX_TIMER_MS);
    await rig.runtime.clipboard.write('copied text', at(rig) + 30_000);
    rig.scheduler.clipboardChanged();
    rig.clock.advance(30_000);
    await rig.clock.flush();
    expect(rig.clipboard.text).toBe('');
    expect(rig.events).toContainEqual({ type: 'clipboard-cleared' });
  });

  it('arms the clear when no timer is armed', async () => {
    const rig = schedulerRig(vaultWith([]));
    rig.scheduler.start();
    await rig.runtime.clipboard.write('copied text', at(rig) + 30_000);
    rig.scheduler.clipboardChanged();
    rig.clock.advance(30_000);
    await rig.clock.flush();
    expect(rig.clipboard.text).toBe('');
  });

  it('keeps the armed timer when the clear is due after it', async () => {
    const rig = schedulerRig(vaultWith([alerting('t1', MINUTE)]));
    rig.scheduler.start();
    await rig.runtime.clipboard.write('copied text', at(rig) + 5 * MINUTE);
    rig.scheduler.clipboardChanged();
    rig.clock.advance(MINUTE);
    expect(rig.alerts()).toEqual(['t1']);
  });

  it('keeps the armed timer when the copy clears never', async () => {
    const rig = schedulerRig(vaultWith([alerting('t1', MINUTE)]));
    rig.scheduler.start();
    await rig.runtime.clipboard.write('copied text', null);
    rig.scheduler.clipboardChanged();
    expect(rig.clock.nextAt()).toBe(at(rig) + MINUTE);
  });
});

describe('TokenScheduler: alerts and retention', () => {
  it('stores the alert time only on the tokens it alerted', async () => {
    const rig = schedulerRig(vaultWith([alerting('t1', 0), alerting('t2', HOUR)]));
    rig.scheduler.tick();
    await rig.settle();
    const stored = Object.fromEntries(rig.vault.read().tokens.map((t) => [t.id, t.alertedAt]));
    expect(stored).toEqual({ t1: at(rig), t2: undefined });
  });

  it('logs an alert time the vault cannot save, with its code', async () => {
    const rig = schedulerRig(vaultWith([alerting('t1', 0)]));
    rig.vault.failPersist = true;
    rig.scheduler.tick();
    await rig.settle();
    expect(rig.alerts()).toEqual(['t1']);
    expect(rig.log('warn', 'alert time not saved')).toEqual([expect.objectContaining({ code: 'INTERNAL' })]);
  });

  it('removes the tokens past retention in one write and logs how many left', async () => {
    const live = storedToken('live', 'active', at(schedulerRig(vaultWith([]))));
    const rig = schedulerRig(vaultWith([longExpired('x1'), live, longExpired('x2')]));
    rig.scheduler.tick();
    await rig.settle();
    expect(rig.vault.read().tokens.map((t) => t.id)).toEqual(['live']);
    expect(rig.log('info', 'expired tokens left the list')).toEqual([expect.objectContaining({ removed: 2 })]);
  });

  it('re-checks inside the write: a token being revoked by then stays, and no removal is logged', async () => {
    const rig = schedulerRig(vaultWith([longExpired('x')]));
    const revoke = revokeToken(rig.runtime, 'x');
    // The decision is made on the data before the revoke's first write lands.
    rig.scheduler.tick();
    expect((await revoke).state).toBe('revoked');
    await rig.settle();
    // It leaves at the next decision, as a revoked token: one removal logged, none of 0.
    expect(rig.vault.read().tokens).toEqual([]);
    expect(rig.log('info', 'expired tokens left the list').map((l) => l.removed)).toEqual([1]);
  });

  it('re-checks the time inside the write: a clock set back meanwhile keeps the token', async () => {
    const rig = schedulerRig(vaultWith([longExpired('x', 1)]));
    rig.scheduler.tick();
    rig.clock.jump(-MINUTE);
    await rig.settle();
    expect(rig.vault.read().tokens.map((t) => t.id)).toEqual(['x']);
  });

  it('logs a removal the vault cannot save, with its code', async () => {
    const rig = schedulerRig(vaultWith([longExpired('x')]));
    rig.vault.failNext = 1;
    rig.scheduler.tick();
    await rig.settle();
    expect(rig.log('warn', 'expired tokens not removed')).toEqual([expect.objectContaining({ code: 'INTERNAL' })]);
  });

  it('a removal the vault keeps failing is tried again after 30 s, then 60 s, not on every tick; once saved, the token leaves', async () => {
    const rig = schedulerRig(vaultWith([longExpired('x')]));
    rig.vault.failNext = 2;
    rig.scheduler.tick();
    await rig.settle();
    const failures = (): number => rig.log('warn', 'expired tokens not removed').length;
    expect(failures()).toBe(1);
    // Ticks in between (other work, a copy, a change) do not retry it.
    rig.scheduler.tick();
    await rig.settle();
    expect(failures()).toBe(1);
    rig.clock.advance(30_000 - 1);
    await rig.settle();
    expect(failures()).toBe(1);
    rig.clock.advance(1);
    await rig.settle();
    expect(failures()).toBe(2);
    rig.clock.advance(60_000 - 1);
    await rig.settle();
    expect(rig.vault.read().tokens.map((t) => t.id)).toEqual(['x']);
    rig.clock.advance(1);
    await rig.settle();
    expect(rig.vault.read().tokens).toEqual([]);
    expect(failures()).toBe(2);
  });
});

describe('TokenScheduler: revoke and cleanup retries, spaced in memory too', () => {
  /** A revoke_failed token whose next retry (vault's backoff for `attempts`) falls `dueIn` from the clock's start. */
  function failedRevoke(id: string, attempts: number, dueIn = 0): TokenRecord {
    const now = new FakeClock().now();
    const failure = { code: 'NETWORK', message: 'Could not reach the server.', at: now + dueIn - cleanupBackoffMs(attempts), attempts };
    return storedToken(id, 'revoke_failed', now - HOUR, { failure });
  }

  it('holds a cleanup retry the vault could not save for its backoff (30 s, then 60 s), and logs it', async () => {
    const rig = schedulerRig(withCleanup([cleanupRecord('c1', new FakeClock().now() - 1), cleanupRecord('c2', new FakeClock().now() + DAY)]));
    rig.vault.failPersist = true;
    capRevokes(rig);
    rig.scheduler.start();
    await rig.settle();
    expect(rig.azion.calls.revoke).toHaveLength(1);
    expect(rig.log('warn', 'cleanup retry not saved')).toEqual([expect.objectContaining({ code: 'INTERNAL' })]);
    rig.clock.advance(cleanupBackoffMs(1) - 1);
    await rig.settle();
    expect(rig.azion.calls.revoke).toHaveLength(1);
    rig.clock.advance(1);
    await rig.settle();
    expect(rig.azion.calls.revoke).toHaveLength(2);
    rig.clock.advance(cleanupBackoffMs(1));
    await rig.settle();
    expect(rig.azion.calls.revoke).toHaveLength(2);
    rig.clock.advance(cleanupBackoffMs(2) - cleanupBackoffMs(1));
    await rig.settle();
    expect(rig.azion.calls.revoke).toHaveLength(3);
    expect(rig.azion.calls.revoke.every((r) => r.token.value === 'leftover-c1-not-a-real-one')).toBe(true);
  });

  it('logs a revoke retry that fails with the token id and code, and holds it for its backoff', async () => {
    const rig = schedulerRig(vaultWith([failedRevoke('r', 1)]));
    rig.vault.failPersist = true;
    rig.scheduler.start();
    await rig.settle();
    expect(rig.log('warn', 'revoke retry failed')).toEqual([expect.objectContaining({ tokenId: 'r', code: 'INTERNAL' })]);
    rig.clock.advance(cleanupBackoffMs(1) - 1);
    await rig.settle();
    expect(rig.log('warn', 'revoke retry failed')).toHaveLength(1);
    rig.clock.advance(1);
    await rig.settle();
    expect(rig.log('warn', 'revoke retry failed')).toHaveLength(2);
  });

  it("holds nothing once a revoke retry went through: the timer is the next failed revoke's", async () => {
    const rig = schedulerRig(withCleanup([cleanupRecord('c1', new FakeClock().now() - 1), cleanupRecord('c2', new FakeClock().now() + DAY)]));
    rig.scheduler.start();
    await rig.settle();
    expect(rig.vault.read().cleanup!.map((r) => r.id)).toEqual(['c2']);
    expect(rig.clock.nextAt()).toBe(at(rig) + MAX_TIMER_MS);
  });

  it('holds nothing once a revoke retry went through: the timer is the next failed revoke\'s', async () => {
    const rig = schedulerRig(vaultWith([failedRevoke('r', 1), failedRevoke('s', 5, 8 * MINUTE)]));
    rig.scheduler.start();
    await rig.settle();
    expect(rig.vault.read().tokens.map((t) => t.state)).toEqual(['revoked', 'revoke_failed']);
    expect(rig.clock.nextAt()).toBe(at(rig) + 8 * MINUTE);
  });

  it('leaves a due retry to the revoke the person started: no second call, and only the vault spaces the next one', async () => {
    const rig = schedulerRig(vaultWith([failedRevoke('r', 1)]));
    const answer = deferred<'revoked'>();
    rig.azion.script.revoke.push(() => answer.promise);
    const own = revokeToken(rig.runtime, 'r');
    rig.scheduler.start();
    await rig.clock.flush();
    answer.reject(new AppError('NETWORK'));
    expect((await own).failure).toMatchObject({ attempts: 2, at: at(rig) });
    await rig.settle();
    expect(rig.azion.calls.revoke).toHaveLength(1);
    expect(rig.clock.nextAt()).toBe(at(rig) + cleanupBackoffMs(2));
  });

  it('keeps nothing held from a cleanup retry that ends after stop(): the next start retries at once', async () => {
    const rig = schedulerRig(withCleanup([cleanupRecord('c1', new FakeClock().now() - 1)]));
    rig.vault.failPersist = true;
    const answer = deferred<'revoked'>();
    rig.azion.script.revoke.push(() => answer.promise);
    rig.scheduler.start();
    await rig.clock.flush();
    rig.scheduler.stop();
    answer.resolve('revoked');
    await rig.settle();
    capRevokes(rig);
    rig.scheduler.start();
    await rig.settle();
    expect(rig.azion.calls.revoke).toHaveLength(2);
  });
});

describe('TokenScheduler: a failing auto-renew', () => {
  const start = new FakeClock().now();
  /** An active token of auto-renew account 'a' whose renewal is due at the clock's start. */
  const dueRenewal = (id: string, extra: Partial<TokenRecord> = {}): TokenRecord =>
    storedToken(id, 'active', start - DAY + 5 * MINUTE, { expiresAt: start + 5 * MINUTE, ...extra });
  const autoRenewVault = (tokens: TokenRecord[]): VaultData => ({ ...vaultWith(tokens), accounts: [azionAccount('a', 'session', { autoRenew: true })] });
  const failing = (attempts: number) => ({ failingSince: start - HOUR, attempts, lastError: { code: 'SERVER_ERROR', message: 'The server failed.' }, nextAttemptAt: start - 1 });

  it('logs the failure of a token that left the vault meanwhile, with its attempts and next time, and records nothing', async () => {
    const rig = schedulerRig(autoRenewVault([dueRenewal('old')]));
    const mint = deferred<never>();
    rig.azion.script.mint.push(() => mint.promise);
    rig.scheduler.start();
    await rig.clock.flush();
    await rig.vault.update((d) => {
      d.tokens = [];
    });
    mint.reject(new AppError('SERVER_ERROR'));
    await rig.settle();
    expect(rig.log('warn', 'auto-renew failed')).toEqual([
      expect.objectContaining({ tokenId: 'old', code: 'SERVER_ERROR', attempts: 1, nextAt: start + renewBackoffMs(1) }),
    ]);
    expect(rig.log('error', 'auto-renew failure not handled')).toEqual([]);
  });

  it('records the failure on the token that failed, not on another one', async () => {
    const rig = schedulerRig(autoRenewVault([storedToken('other', 'revoked', start - HOUR), dueRenewal('old')]));
    rig.azion.script.mint.push(new AppError('SERVER_ERROR'));
    rig.scheduler.start();
    await rig.settle();
    const stored = Object.fromEntries(rig.vault.read().tokens.map((t) => [t.id, t.renewal?.attempts]));
    expect(stored).toEqual({ other: undefined, old: 1 });
  });

  it('counts on from the attempts the vault kept (a restarted app does not start over)', async () => {
    const rig = schedulerRig(autoRenewVault([dueRenewal('old', { renewal: { ...failing(3), alertedAt: start - HOUR } })]));
    rig.azion.script.mint.push(new AppError('SERVER_ERROR'));
    rig.scheduler.start();
    await rig.settle();
    expect(rig.vault.read().tokens[0]!.renewal).toMatchObject({ attempts: 4, nextAttemptAt: start + renewBackoffMs(4) });
  });

  it('records nothing for a renewal that fails after stop()', async () => {
    const rig = schedulerRig(autoRenewVault([dueRenewal('old')]));
    const mint = deferred<never>();
    rig.azion.script.mint.push(() => mint.promise);
    rig.scheduler.start();
    await rig.clock.flush();
    rig.scheduler.stop();
    mint.reject(new AppError('SERVER_ERROR'));
    await rig.settle();
    expect(rig.vault.read().tokens[0]!.renewal).toBeUndefined();
    expect(rig.log('warn', 'auto-renew failed')).toEqual([]);
  });

  it('logs as an error, with the token id, a failure whose handling throws', async () => {
    const rig = schedulerRig(autoRenewVault([dueRenewal('old', { renewal: failing(2) })]));
    rig.azion.script.mint.push(new AppError('SERVER_ERROR'));
    rig.onEmit = (e) => {
      if (e.type === 'renewal-failing') throw new Error('window gone');
    };
    rig.scheduler.start();
    await rig.settle();
    expect(rig.log('error', 'auto-renew failure not handled')).toEqual([expect.objectContaining({ tokenId: 'old', code: 'INTERNAL' })]);
  });
});
