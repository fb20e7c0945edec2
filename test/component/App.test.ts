import { cleanup, fireEvent, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { azionAccount, oceanAccount, settingsView, tokenView } from '../support/fakeVaultApi.js';
import { renderApp } from './renderApp.js';

afterEach(cleanup);

describe('App: screens follow the vault status', () => {
  it('shows first-run setup when no vault exists', async () => {
    renderApp({ status: 'uninitialized' });
    expect(await screen.findByRole('heading', { name: 'Create your vault' })).toBeTruthy();
  });

  it('shows the unlock screen when locked, and the lock state in data-status', async () => {
    const app = renderApp({ status: 'locked' });
    expect(await screen.findByRole('heading', { name: 'Unlock your vault' })).toBeTruthy();
    expect(app.container.querySelector('[data-status]')?.getAttribute('data-status')).toBe('locked');
  });

  it('shows the message of an error result instead of any screen', async () => {
    renderApp({}, { status: async () => ({ ok: false, error: { code: 'INTERNAL', message: 'Something broke; try again.', retryable: true } }) });
    expect((await screen.findByRole('alert')).textContent).toContain('Something broke');
  });

  it('subscribes to events exactly once and unsubscribes on unmount', async () => {
    const app = renderApp({ status: 'locked' });
    await screen.findByRole('heading', { name: 'Unlock your vault' });
    expect(app.api.listenerCount()).toBe(1);
    app.unmount();
    expect(app.api.listenerCount()).toBe(0);
  });

  it('switches screens on vault-status events and drops everything on lock', async () => {
    const app = renderApp({ accounts: [azionAccount()], tokens: [tokenView()] });
    expect(await screen.findByText('c2a9…x9Q')).toBeTruthy();
    app.api.emit({ type: 'vault-status', status: 'locked' });
    expect(await screen.findByRole('heading', { name: 'Unlock your vault' })).toBeTruthy();
    expect(screen.queryByText('c2a9…x9Q')).toBeNull();
    // A tokens-changed that races the lock must not bring views back.
    app.api.emit({ type: 'tokens-changed', tokens: [tokenView()] });
    app.api.emit({ type: 'vault-status', status: 'unlocked' });
    expect(await screen.findByText('c2a9…x9Q')).toBeTruthy();
    expect(app.api.callsTo('listTokens').length).toBe(2);
  });

  it('replaces the lists on tokens-changed and accounts-changed', async () => {
    const app = renderApp({ accounts: [azionAccount()], tokens: [tokenView()] });
    await screen.findByText('c2a9…x9Q');
    app.api.emit({ type: 'accounts-changed', accounts: [azionAccount({ label: 'Renamed account' })] });
    app.api.emit({ type: 'tokens-changed', tokens: [tokenView({ id: 'tok-2', preview: 'zzzz…new' })] });
    expect(await screen.findByText('zzzz…new')).toBeTruthy();
    expect(screen.queryByText('c2a9…x9Q')).toBeNull();
    expect(screen.getByRole('heading', { name: 'Renamed account' })).toBeTruthy();
  });

  it('navigates on navigate events and by the sidebar', async () => {
    const app = renderApp({ accounts: [azionAccount()] });
    await screen.findByRole('navigation', { name: 'Main' });
    app.api.emit({ type: 'navigate', screen: 'settings' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Settings' })).toBeTruthy();
    await fireEvent.click(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('button', { name: /Accounts/ }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Accounts' })).toBeTruthy();
  });

  it('follows the theme setting, or the OS when it says system', async () => {
    const app = renderApp({ settings: settingsView({ theme: 'system' }) });
    await screen.findByRole('navigation', { name: 'Main' });
    const root = app.container.querySelector('.theme')!;
    expect(root.getAttribute('data-theme')).toBeNull();
    app.api.emit({ type: 'settings-changed', view: settingsView({ theme: 'dark' }) });
    await screen.findByRole('navigation', { name: 'Main' });
    expect(root.getAttribute('data-theme')).toBe('dark');
  });

  it('shows an expiry alert as a toast whose action focuses the token', async () => {
    const app = renderApp({ accounts: [azionAccount()], tokens: [tokenView({ expiresAt: Date.UTC(2026, 10, 23, 12, 14, 0) })] });
    await screen.findByText('c2a9…x9Q');
    app.api.emit({ type: 'expiry-alert', tokenId: 'tok-1', expiresAt: Date.UTC(2026, 10, 23, 12, 14, 0) });
    expect(await screen.findByText('Expires in 14m 00s')).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Show' }));
    expect(document.getElementById('token-tok-1')?.className).toMatch(/flash/);
  });

  it('focus-token opens the tokens screen and highlights the row, clearing a filter that hides it', async () => {
    const app = renderApp({ accounts: [azionAccount()], tokens: [tokenView()] });
    await screen.findByText('c2a9…x9Q');
    await fireEvent.input(screen.getByRole('searchbox', { name: 'Search tokens' }), { target: { value: 'nothing matches this' } });
    app.api.emit({ type: 'navigate', screen: 'audit' });
    app.api.emit({ type: 'focus-token', tokenId: 'tok-1' });
    const row = await screen.findByText('c2a9…x9Q');
    expect(row.closest('li')?.className).toMatch(/flash/);
  });

  it('start-mint from the tray opens the mint dialog of that account, ready to review the signature', async () => {
    const app = renderApp({ accounts: [oceanAccount({ id: 'acc-ocean', label: 'Market bot' })] });
    await screen.findByRole('navigation', { name: 'Main' });
    app.api.emit({ type: 'navigate', screen: 'settings' });
    app.api.emit({ type: 'start-mint', accountId: 'acc-ocean' });
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByRole('button', { name: 'Review signature…' })).toBeTruthy();
    expect(app.api.callsTo('mint')).toEqual([]);
  });

  it('"/" focuses the search box', async () => {
    renderApp({ accounts: [azionAccount()], tokens: [tokenView()] });
    await screen.findByText('c2a9…x9Q');
    await fireEvent.keyDown(document.body, { key: '/' });
    await screen.findByRole('searchbox');
    expect(document.activeElement).toBe(screen.getByRole('searchbox', { name: 'Search tokens' }));
  });
});
