import type { Settings } from '../../../preload/contract.js';

/** 0 means "never" for both timers, so it is the weakest value, not the strongest. */
function longer(current: number, next: number): boolean {
  if (next === current) return false;
  if (current === 0) return false; // from never to anything is stronger
  return next === 0 || next > current;
}

/**
 * The ways a change weakens protection, as phrases for the error message (empty: nothing weakens).
 * Each of these needs the master password in the same call; strengthening never does.
 */
export function weakenings(current: Settings, next: Settings): string[] {
  const out: string[] = [];
  if (longer(current.autoLockMinutes, next.autoLockMinutes)) out.push(next.autoLockMinutes === 0 ? 'turns auto-lock off' : 'makes auto-lock wait longer');
  if (current.lockOnSleep && !next.lockOnSleep) out.push('stops locking on sleep and screen lock');
  if (longer(current.clipboardClearSeconds, next.clipboardClearSeconds)) {
    out.push(next.clipboardClearSeconds === 0 ? 'stops clearing the clipboard' : 'keeps copied tokens on the clipboard longer');
  }
  // A longer standing permission lets a local program take tokens for longer without asking.
  if (next.agentGrantMinutes > current.agentGrantMinutes) out.push('lets command-line permissions last longer');
  if (!current.keychainUnlock && next.keychainUnlock) out.push('lets the OS keychain unlock the vault');
  if (!current.keychainAcceptInsecure && next.keychainAcceptInsecure) out.push('accepts a keychain that is not real protection');
  return out;
}
