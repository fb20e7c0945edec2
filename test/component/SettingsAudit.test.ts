import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntryView, AuditQuery, Settings } from '../../preload/contract.js';
import { azionAccount, settingsView, T0 } from '../support/fakeVaultApi.js';
import { renderApp } from './renderApp.js';

afterEach(cleanup);

async function open(app: ReturnType<typeof renderApp>, screenName: 'settings' | 'audit'): Promise<void> {
  await screen.findByRole('navigation', { name: 'Main' });
  app.api.emit({ type: 'navigate', screen: screenName });
}

describe('settings', () => {
  const updating = (base = settingsView()) => ({
    updateSettings: async (patch: Partial<Settings>) => ({ ok: true as const, value: { ...base, settings: { ...base.settings, ...patch } } }),
  });

  it('applies a number on change and refuses one out of range', async () => {
    const app = renderApp({}, updating());
    await open(app, 'settings');
    const input = await screen.findByLabelText('Auto-lock after');
    await fireEvent.change(input, { target: { value: '5' } });
    await waitFor(() => expect(app.api.callsTo('updateSettings')).toEqual([[{ autoLockMinutes: 5 }]]));
    await fireEvent.change(input, { target: { value: '99999' } });
    expect((await screen.findByRole('alert')).textContent).toContain('A whole number from 0 to 1440.');
    expect(app.api.callsTo('updateSettings')).toHaveLength(1);
  });

  it('shows the keychain backend honestly; basic_text needs the explicit opt-in first', async () => {
    const base = settingsView({}, { backend: 'basic_text', secure: false });
    const app = renderApp({ settings: base }, updating(base));
    await open(app, 'settings');
    expect((await screen.findAllByText('basic_text')).length).toBeGreaterThan(0);
    expect(screen.getByText('not real protection')).toBeTruthy();
    const toggle = screen.getByRole('checkbox', { name: /Unlock without typing/ }) as HTMLInputElement;
    expect(toggle.disabled).toBe(true);
    await fireEvent.click(screen.getByRole('checkbox', { name: 'I understand this is not real protection' }));
    await waitFor(() => expect(toggle.disabled).toBe(false));
    await fireEvent.click(toggle);
    await waitFor(() => expect(app.api.callsTo('updateSettings')).toEqual([[{ keychainAcceptInsecure: true }], [{ keychainUnlock: true }]]));
  });

  it('asks for the master password when main says a change weakens protection, then sends it with the change', async () => {
    const base = settingsView();
    const app = renderApp(
      {},
      {
        updateSettings: async (patch: Partial<Settings>, password?: string) => {
          if (password === undefined) return { ok: false, error: { code: 'PASSWORD_REQUIRED', message: 'This change stops locking on sleep and screen lock, so it needs your master password.', retryable: false } };
          if (password !== 'the master pw') return { ok: false, error: { code: 'BAD_PASSWORD', message: 'That master password is not right.', retryable: true } };
          return { ok: true, value: { ...base, settings: { ...base.settings, ...patch } } };
        },
      },
    );
    await open(app, 'settings');
    const toggle = (await screen.findByRole('checkbox', { name: /Lock on sleep/ })) as HTMLInputElement;
    // Cancelled: nothing changed, and the switch shows so.
    await fireEvent.click(toggle);
    await fireEvent.click(within(await screen.findByRole('dialog', { name: 'Confirm with your master password' })).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(toggle.checked).toBe(true));
    await fireEvent.click(toggle);
    const d = within(await screen.findByRole('dialog', { name: 'Confirm with your master password' }));
    expect(d.getByText(/stops locking on sleep/)).toBeTruthy();
    await fireEvent.input(d.getByLabelText('Master password', { exact: true }), { target: { value: 'wrong' } });
    await fireEvent.click(d.getByRole('button', { name: 'Confirm change' }));
    expect(await d.findByText(/not right/)).toBeTruthy();
    await fireEvent.input(d.getByLabelText('Master password', { exact: true }), { target: { value: 'the master pw' } });
    await fireEvent.click(d.getByRole('button', { name: 'Confirm change' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(app.api.callsTo('updateSettings')).toEqual([[{ lockOnSleep: false }], [{ lockOnSleep: false }], [{ lockOnSleep: false }, 'wrong'], [{ lockOnSleep: false }, 'the master pw']]);
    await waitFor(() => expect(toggle.checked).toBe(false));
  });

  it('lists what this platform cannot do and switches theme', async () => {
    const app = renderApp({}, updating());
    await open(app, 'settings');
    expect(await screen.findByText('Tray icons need an AppIndicator extension on GNOME.')).toBeTruthy();
    await fireEvent.click(within(screen.getByRole('radiogroup', { name: 'Theme' })).getByRole('radio', { name: 'Dark' }));
    await waitFor(() => expect(app.container.querySelector('.theme')?.getAttribute('data-theme')).toBe('dark'));
  });

  it('shows which proxy token servers are reached through', async () => {
    const base = { ...settingsView(), network: { stack: 'node' as const, proxy: 'http://proxy.corp:3128 (from HTTPS_PROXY)', noProxy: 'localhost,.corp', extraCa: '/etc/corp-root.pem' } };
    const app = renderApp({ settings: base }, updating(base));
    await open(app, 'settings');
    const section = (await screen.findByRole('heading', { name: 'Network' })).closest('section')!;
    expect(within(section).getByText('http://proxy.corp:3128 (from HTTPS_PROXY)')).toBeTruthy();
    expect(within(section).getByText('localhost,.corp')).toBeTruthy();
    expect(within(section).getByText('/etc/corp-root.pem')).toBeTruthy();
  });

  it('changes the master password after checking the new one', async () => {
    const app = renderApp({}, { changePassword: async () => ({ ok: true, value: undefined }) });
    await open(app, 'settings');
    await fireEvent.click(await screen.findByRole('button', { name: 'Change master password…' }));
    const d = within(screen.getByRole('dialog'));
    await fireEvent.input(d.getByLabelText('Current password', { exact: true }), { target: { value: 'old pass phrase' } });
    await fireEvent.input(d.getByLabelText('New password', { exact: true }), { target: { value: 'copper lantern drifts beyond marmalade' } });
    await fireEvent.input(d.getByLabelText('Confirm new password', { exact: true }), { target: { value: 'copper lantern drifts beyond marmalade' } });
    await fireEvent.click(d.getByRole('button', { name: 'Change password' }));
    await waitFor(() => expect(app.api.callsTo('changePassword')).toEqual([['old pass phrase', 'copper lantern drifts beyond marmalade']]));
  });

  it('refuses a blank current password, a new one equal to it, and shows main\'s WEAK_PASSWORD under the field', async () => {
    const app = renderApp({}, { changePassword: async () => ({ ok: false, error: { code: 'WEAK_PASSWORD', message: 'Main says: choose a longer password.', retryable: false } }) });
    await open(app, 'settings');
    await fireEvent.click(await screen.findByRole('button', { name: 'Change master password…' }));
    const d = within(screen.getByRole('dialog'));
    const type = (label: string, value: string) => fireEvent.input(d.getByLabelText(label, { exact: true }), { target: { value } });
    const submit = () => fireEvent.click(d.getByRole('button', { name: 'Change password' }));
    const strong = 'copper lantern drifts beyond marmalade';
    await type('New password', strong);
    await type('Confirm new password', strong);
    await submit();
    expect((await d.findByRole('alert')).textContent).toContain('Type your current master password.');
    await type('Current password', strong);
    await submit();
    expect((await d.findByRole('alert')).textContent).toContain('The new password is the same as the current one.');
    expect(app.api.callsTo('changePassword')).toEqual([]);
    await type('Current password', 'old pass phrase');
    await submit();
    await waitFor(() => expect(d.getByRole('alert').textContent).toContain('Main says: choose a longer password.'));
    expect(screen.getByRole('dialog')).toBeTruthy(); // still open, to try another
  });
});

describe('audit trail', () => {
  const entries: AuditEntryView[] = Array.from({ length: 120 }, (_, i) => ({
    seq: 120 - i,
    at: T0 - i * 60_000,
    action: i % 2 ? 'copy' : 'mint',
    accountLabel: 'Production API',
    outcome: 'ok',
  }));
  const pages = (chainOk = true) => ({
    auditPage: async (q: AuditQuery) => {
      const list = entries.filter((e) => !q.action || e.action === q.action);
      return { ok: true as const, value: { entries: list.slice(q.offset, q.offset + q.limit), total: list.length, chain: chainOk ? { ok: true as const } : { ok: false as const, brokenAt: 100 } } };
    },
  });

  it('pages through entries and shows that the chain verifies', async () => {
    const app = renderApp({ accounts: [azionAccount()] }, pages());
    await open(app, 'audit');
    expect(await screen.findByText(/Chain verified/)).toBeTruthy();
    expect(screen.getByText('1–50 of 120')).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Older entries' }));
    expect(await screen.findByText('51–100 of 120')).toBeTruthy();
    expect(app.api.callsTo('auditPage').at(-1)).toEqual([{ offset: 50, limit: 50 }]);
  });

  it('filters by action and account', async () => {
    const app = renderApp({ accounts: [azionAccount()] }, pages());
    await open(app, 'audit');
    await screen.findByText(/Chain verified/);
    await fireEvent.change(screen.getByLabelText('Action'), { target: { value: 'copy' } });
    await fireEvent.change(screen.getByLabelText('Account'), { target: { value: 'acc-azion' } });
    await waitFor(() => expect(app.api.callsTo('auditPage').at(-1)).toEqual([{ offset: 0, limit: 50, action: 'copy', accountId: 'acc-azion' }]));
  });

  it('says where the chain breaks', async () => {
    const app = renderApp({}, pages(false));
    await open(app, 'audit');
    expect((await screen.findByRole('alert')).textContent).toContain('Chain broken at entry #100');
  });
});
