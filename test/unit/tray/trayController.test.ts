import { describe, expect, it } from 'vitest';
import type { SettingsView, TokenView } from '../../../preload/contract.js';
import { DEFAULT_SETTINGS } from '../../../preload/settings.js';
import { createTrayController } from '../../../main/tray/trayController.js';
import type { TrayItem } from '../../../main/tray/trayModel.js';
import { FakeClock } from '../../support/FakeClock.js';
import { azion, HOUR, LEAD, MIN, NOW, view } from './fixtures.js';

function setup() {
  const clock = new FakeClock(NOW);
  const renders: TrayItem[][] = [];
  const controller = createTrayController({ clock, alertLeadMs: LEAD, render: (items) => renders.push(items) });
  const labels = () => (renders.at(-1) ?? []).flatMap((i) => (i.type === 'action' && i.id.startsWith('token:') ? [i.label] : []));
  const unlock = (tokens: TokenView[]) => {
    controller.handleEvent({ type: 'vault-status', status: 'unlocked' });
    controller.handleEvent({ type: 'tokens-changed', tokens });
  };
  return { clock, renders, controller, labels, unlock };
}

const settingsView = (alertLeadMinutes: number): SettingsView => ({
  settings: { ...DEFAULT_SETTINGS, alertLeadMinutes },
  keychain: { available: false, backend: 'unknown', secure: false, enabled: false },
  platform: { os: 'linux', tray: true, notifications: true, globalShortcut: true, limitations: [] },
});

describe('createTrayController', () => {
  it('renders the locked menu at once, with no timer', () => {
    const { renders, clock } = setup();
    expect(renders).toHaveLength(1);
    expect(renders[0]?.[0]).toMatchObject({ id: 'unlock' });
    expect(clock.pending()).toBe(0);
  });

  it('rebuilds when tokens, accounts or the lock state change', () => {
    const { renders, controller, unlock, labels } = setup();
    unlock([view({ id: 't1', expiresAt: NOW + 2 * HOUR + MIN })]);
    expect(labels()).toEqual(['azion-prod — 2h 00m']);
    controller.handleEvent({ type: 'accounts-changed', accounts: [azion('acc-azion', 'azion-prod')] });
    expect(JSON.stringify(renders.at(-1))).toContain('Mint new token');
    controller.handleEvent({ type: 'vault-status', status: 'locked' });
    expect(renders.at(-1)?.[0]).toMatchObject({ id: 'unlock' });
  });

  it('one timer, firing on each minute boundary, relabels the menu', () => {
    const { clock, unlock, labels } = setup();
    unlock([view({ id: 'a', expiresAt: NOW + 3 * HOUR + 13 * MIN }), view({ id: 'b', accountId: 'x', accountLabel: 'other', expiresAt: NOW + 5 * HOUR + 90_000 })]);
    expect(clock.pending()).toBe(1);
    expect(labels()).toEqual(['azion-prod — 3h 12m', 'other — 5h 00m']);
    clock.advance(MIN - 1);
    expect(labels()).toEqual(['azion-prod — 3h 12m', 'other — 5h 00m']);
    clock.advance(1);
    expect(labels()).toEqual(['azion-prod — 3h 11m', 'other — 4h 59m']);
    expect(clock.pending()).toBe(1);
  });

  it('turns a token "expiring" on time and drops it the moment it expires', () => {
    const { clock, unlock, labels } = setup();
    unlock([view({ id: 't', expiresAt: NOW + LEAD + 10_000 })]);
    // 15m 10s left now, 14m 10s at the end of this minute: the label is the lower bound.
    expect(labels()).toEqual(['azion-prod — 14m']);
    clock.advance(10_000);
    expect(labels()).toEqual(['⚠ azion-prod — 14m']);
    clock.advance(LEAD);
    expect(labels()).toEqual(['⚠ azion-prod — <1m']);
    clock.advance(1);
    expect(labels()).toEqual([]);
    expect(clock.pending()).toBe(0);
  });

  it('skips renders that would not change the menu', () => {
    const { clock, renders, unlock } = setup();
    // Days away: labels only change on the hour, though the timer checks every minute.
    unlock([view({ id: 't', expiresAt: NOW + 3 * 24 * HOUR + 30 * MIN })]);
    const before = renders.length;
    clock.advance(10 * MIN);
    expect(renders.length).toBe(before);
    clock.advance(25 * MIN);
    expect(renders.length).toBe(before + 1);
  });

  it('refresh() after a sleep catches up with the wall clock at once', () => {
    const { clock, controller, unlock, labels } = setup();
    unlock([view({ id: 'gone', expiresAt: NOW + 30 * MIN }), view({ id: 'kept', accountId: 'k', accountLabel: 'kept', expiresAt: NOW + 5 * HOUR + MIN })]);
    clock.jump(2 * HOUR); // timers slept with the machine
    controller.refresh();
    expect(labels()).toEqual(['kept — 3h 00m']);
    expect(clock.pending()).toBe(1);
  });

  it('follows the alert lead from settings', () => {
    const { controller, unlock, labels } = setup();
    unlock([view({ id: 't', expiresAt: NOW + 40 * MIN })]);
    expect(labels()).toEqual(['azion-prod — 39m']);
    controller.handleEvent({ type: 'settings-changed', view: settingsView(60) });
    expect(labels()).toEqual(['⚠ azion-prod — 39m']);
  });

  it('ignores events it does not use, and stops after dispose', () => {
    const { clock, renders, controller, unlock } = setup();
    unlock([view({ id: 't' })]);
    const count = renders.length;
    controller.handleEvent({ type: 'clipboard-cleared' });
    controller.handleEvent({ type: 'expiry-alert', tokenId: 't', expiresAt: NOW });
    expect(renders.length).toBe(count);
    controller.dispose();
    expect(clock.pending()).toBe(0);
    controller.handleEvent({ type: 'tokens-changed', tokens: [] });
    clock.advance(HOUR);
    expect(renders.length).toBe(count);
  });

  it('keeps the latest views for notification texts', () => {
    const { controller, unlock } = setup();
    unlock([view({ id: 't' })]);
    expect(controller.tokens().map((t) => t.id)).toEqual(['t']);
  });
});
