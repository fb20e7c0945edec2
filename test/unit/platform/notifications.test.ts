import { EventEmitter } from 'node:events';
import type { Notification, NotificationConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { createNotifier, expiryAlertText } from '../../../main/platform/notifications.js';

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
const MIN = 60_000;

function fakeNotifications(supported = true) {
  const shown: FakeNotification[] = [];
  class FakeNotification extends EventEmitter {
    static isSupported = () => supported;
    constructor(readonly options: NotificationConstructorOptions) {
      super();
    }
    show(): void {
      shown.push(this);
    }
  }
  return { shown, Class: FakeNotification as unknown as typeof Notification };
}

describe('expiryAlertText', () => {
  it('names the account and the time left, never a token value or preview', () => {
    const v = { accountLabel: 'azion-prod', kind: 'azion-session' as const, preview: 'eyJh…x9Q' };
    const text = expiryAlertText(v, NOW + 14 * MIN + 59_000, NOW);
    expect(text).toEqual({ title: 'azion-prod token expires in 14m', body: 'Azion session token. Click to show it in Token Vault.' });
    expect(JSON.stringify(text)).not.toContain('x9Q');
  });

  it('handles the last minute, an expiry already past, and an unknown token', () => {
    expect(expiryAlertText({ accountLabel: 'o', kind: 'ocean-node' }, NOW + 20_000, NOW).title).toBe('o token expires in <1m');
    expect(expiryAlertText({ accountLabel: 'o', kind: 'ocean-provider' }, NOW, NOW)).toEqual({ title: 'o token has expired', body: 'Ocean Provider token. Click to show it in Token Vault.' });
    expect(expiryAlertText(undefined, NOW + 2 * 60 * MIN, NOW)).toEqual({ title: 'A token expires in 2h 00m', body: 'Click to show it in Token Vault.' });
  });
});

describe('createNotifier', () => {
  it('an expiry alert, clicked, asks to focus that token', () => {
    const f = fakeNotifications();
    const focused: string[] = [];
    const notifier = createNotifier(f.Class, { onClickToken: (id) => focused.push(id), onClickNotice: () => focused.push('window') });
    notifier.expiryAlert({ tokenId: 't1', expiresAt: NOW + 10 * MIN }, undefined, NOW);
    expect(f.shown).toHaveLength(1);
    expect(f.shown[0]?.options).toMatchObject({ id: 'expiry-t1', title: 'A token expires in 10m' });
    f.shown[0]?.emit('click');
    expect(focused).toEqual(['t1']);
  });

  it('a notice, clicked, shows the window', () => {
    const f = fakeNotifications();
    const clicks: string[] = [];
    const notifier = createNotifier(f.Class, { onClickToken: () => clicks.push('token'), onClickNotice: () => clicks.push('window'), icon: '/icon.png' });
    notifier.notice({ title: 'New token copied', body: 'x' });
    expect(f.shown[0]?.options).toEqual({ title: 'New token copied', body: 'x', icon: '/icon.png' });
    f.shown[0]?.emit('click');
    expect(clicks).toEqual(['window']);
  });

  it('shows nothing where notifications are not supported (Settings says so instead)', () => {
    const f = fakeNotifications(false);
    const notifier = createNotifier(f.Class, { onClickToken: () => {}, onClickNotice: () => {} });
    notifier.expiryAlert({ tokenId: 't1', expiresAt: NOW }, undefined, NOW);
    notifier.notice({ title: 't', body: 'b' });
    expect(f.shown).toEqual([]);
  });

  it('holds each notification until it is clicked or closed, so its click handler survives GC', () => {
    const f = fakeNotifications();
    const notifier = createNotifier(f.Class, { onClickToken: () => {}, onClickNotice: () => {} });
    notifier.notice({ title: 'a', body: 'a' });
    notifier.notice({ title: 'b', body: 'b' });
    expect(notifier.held()).toBe(2);
    f.shown[0]?.emit('close');
    expect(notifier.held()).toBe(1);
    f.shown[1]?.emit('click');
    f.shown[1]?.emit('close');
    expect(notifier.held()).toBe(0);
  });
});
