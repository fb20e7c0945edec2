/**
 * Power and session events from Electron's powerMonitor, as callbacks. What to do about them is
 * decided in main/lifecycle/sessionGuard.ts (lockTriggers, createSessionGuard); this file only subscribes.
 */
import type { PowerMonitor } from 'electron';

export type PowerEvent = 'suspend' | 'resume' | 'lock-screen' | 'unlock-screen';
export const POWER_EVENTS: readonly PowerEvent[] = ['suspend', 'resume', 'lock-screen', 'unlock-screen'];

type PowerSource = Pick<PowerMonitor, 'on' | 'removeListener'>;

/** Subscribes to every PowerEvent; returns the unsubscribe. */
export function watchPower(monitor: PowerSource, onEvent: (event: PowerEvent) => void): () => void {
  // One listener per event, each a plain () => void as Electron's overloads declare.
  const listeners = POWER_EVENTS.map((event) => [event, () => onEvent(event)] as const);
  for (const [event, listener] of listeners) subscribe(monitor, event, listener);
  return () => {
    for (const [event, listener] of listeners) unsubscribe(monitor, event, listener);
  };
}

// Electron types each event as its own overload; a switch keeps every call checked against them.
function subscribe(m: PowerSource, event: PowerEvent, l: () => void): void {
  switch (event) {
    case 'suspend': m.on('suspend', l); break;
    case 'resume': m.on('resume', l); break;
    case 'lock-screen': m.on('lock-screen', l); break;
    case 'unlock-screen': m.on('unlock-screen', l); break;
  }
}

function unsubscribe(m: PowerSource, event: PowerEvent, l: () => void): void {
  switch (event) {
    case 'suspend': m.removeListener('suspend', l); break;
    case 'resume': m.removeListener('resume', l); break;
    case 'lock-screen': m.removeListener('lock-screen', l); break;
    case 'unlock-screen': m.removeListener('unlock-screen', l); break;
  }
}
