/**
 * The session's lock decisions, driven by a clock so they are tested with a fake clock, fake power
 * events and a fake clipboard: which power events lock, lock-after-sleep even when the OS never said
 * it slept, and clearing our copy from the clipboard on lock. Closing (closeToTray.ts) and quitting
 * (quitGuard.ts) are decided next to it.
 */
import type { AppEvent, Settings } from '../../preload/contract.js';
import type { Clock } from '../core/clock.js';
import type { PowerEvent } from '../platform/power.js';

/** The power events that lock the vault. Screen lock goes with sleep: both mean "I walked away". */
export function lockTriggers(settings: Pick<Settings, 'lockOnSleep'>): ReadonlySet<PowerEvent> {
  // 'resume' too: a suspend notice can arrive too late to finish locking, or never (see createSessionGuard's check for unannounced sleeps).
  return new Set<PowerEvent>(settings.lockOnSleep ? ['suspend', 'resume', 'lock-screen'] : []);
}

/** The vault's auto-lock, as the session guard drives it. */
export interface AutoLockPort {
  /** The machine is going to sleep (or has slept): lock if the settings say so. */
  suspend(): void;
  /** The OS screen locked: lock if the settings say so. */
  screenLocked(): void;
}

export interface SessionGuardDeps {
  clock: Clock;
  settings(): Pick<Settings, 'lockOnSleep'>;
  autoLock: AutoLockPort;
  /** Clears the clipboard if it still holds what we copied (the token service decides that). */
  clearClipboard(): Promise<void> | void;
  /** Re-evaluates clock-driven schedules (the tray), whose timers may have slept with the machine. */
  refresh(): void;
  /** How often to check for a sleep the OS did not announce. */
  sleepCheckMs?: number;
  /** A tick this much later than due means the machine slept. */
  sleepSlackMs?: number;
  onError?(e: unknown): void;
}

export interface SessionGuard {
  powerEvent(event: PowerEvent): void;
  appEvent(event: AppEvent): void;
  dispose(): void;
}

/**
 * Locks on sleep and screen lock, clears the clipboard on lock, and watches for sleeps nobody
 * announced: timers run on a monotonic clock that stops during sleep, so a check due in 30 s that
 * finds the wall clock minutes ahead means the machine was asleep (Linux without logind sends no
 * 'suspend'). Locking again when already locked is harmless; missing a lock is not.
 */
export function createSessionGuard(deps: SessionGuardDeps): SessionGuard {
  const every = deps.sleepCheckMs ?? 30_000;
  const slack = deps.sleepSlackMs ?? 60_000;
  let cancel: (() => void) | null = null;
  let due = 0;

  const lockFor = (event: PowerEvent): void => {
    if (!lockTriggers(deps.settings()).has(event)) return;
    if (event === 'lock-screen') deps.autoLock.screenLocked();
    else deps.autoLock.suspend();
  };
  const tick = (): void => {
    const now = deps.clock.now();
    if (now - due > slack) {
      lockFor('resume');
      deps.refresh();
    }
    schedule();
  };
  const schedule = (): void => {
    due = deps.clock.now() + every;
    cancel = deps.clock.setTimeout(tick, every);
  };
  schedule();

  return {
    powerEvent(event) {
      lockFor(event);
      if (event === 'resume' || event === 'unlock-screen') deps.refresh();
    },
    appEvent(event) {
      if (event.type !== 'vault-status' || event.status === 'unlocked') return;
      Promise.resolve()
        .then(() => deps.clearClipboard())
        .catch((e: unknown) => deps.onError?.(e));
    },
    dispose() {
      cancel?.();
      cancel = null;
    },
  };
}
