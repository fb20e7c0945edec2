import { EventEmitter } from 'node:events';
import type { PowerMonitor } from 'electron';
import { describe, expect, it } from 'vitest';
import { POWER_EVENTS, watchPower, type PowerEvent } from '../../../main/platform/power.js';

describe('watchPower', () => {
  it('reports each power and session event, and unsubscribes every listener', () => {
    const monitor = new EventEmitter();
    const seen: PowerEvent[] = [];
    const stop = watchPower(monitor as unknown as PowerMonitor, (e) => seen.push(e));
    for (const e of ['suspend', 'lock-screen', 'resume', 'unlock-screen', 'shutdown', 'on-battery']) monitor.emit(e);
    expect(seen).toEqual(['suspend', 'lock-screen', 'resume', 'unlock-screen']);
    expect(POWER_EVENTS.map((e) => monitor.listenerCount(e))).toEqual([1, 1, 1, 1]);
    stop();
    expect(POWER_EVENTS.map((e) => monitor.listenerCount(e))).toEqual([0, 0, 0, 0]);
    monitor.emit('suspend');
    expect(seen).toHaveLength(4);
  });
});
