import { cleanup, fireEvent, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { settingsView, T0 } from '../support/fakeVaultApi.js';
import { renderApp } from './renderApp.js';

afterEach(cleanup);

const STRONG = 'copper lantern drifts beyond marmalade';
const type = (label: string, value: string) => fireEvent.input(screen.getByLabelText(label, { exact: true }), { target: { value } });
const submitSetup = () => fireEvent.click(screen.getByRole('button', { name: 'Create vault' }));

describe('first-run setup', () => {
  it('refuses a weak password with the reason, and does not call main', async () => {
    const app = renderApp({ status: 'uninitialized' });
    await screen.findByRole('heading', { name: 'Create your vault' });
    await type('Master password', 'password123');
    await type('Confirm master password', 'password123');
    await submitSetup();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/Too weak \(\d of 4, needs 3\)/);
    expect(app.api.callsTo('create')).toEqual([]);
  });

  it('refuses two different passwords', async () => {
    const app = renderApp({ status: 'uninitialized' });
    await screen.findByRole('heading', { name: 'Create your vault' });
    await type('Master password', STRONG);
    await type('Confirm master password', `${STRONG}!`);
    await submitSetup();
    expect((await screen.findByRole('alert')).textContent).toContain('The two passwords differ');
    expect(app.api.callsTo('create')).toEqual([]);
  });

  it('creates the vault with a strong password typed twice, then shows the tokens screen', async () => {
    const app = renderApp({ status: 'uninitialized' }, { create: async () => ({ ok: true, value: undefined }) });
    await screen.findByRole('heading', { name: 'Create your vault' });
    await type('Master password', STRONG);
    await type('Confirm master password', STRONG);
    await submitSetup();
    await screen.findByRole('navigation', { name: 'Main' });
    expect(app.api.callsTo('create')).toEqual([[STRONG]]);
  });

  it("shows main's WEAK_PASSWORD refusal under the password", async () => {
    renderApp({ status: 'uninitialized' }, { create: async () => ({ ok: false, error: { code: 'WEAK_PASSWORD', message: 'Main says: choose a longer password.', retryable: false } }) });
    await screen.findByRole('heading', { name: 'Create your vault' });
    await type('Master password', STRONG);
    await type('Confirm master password', STRONG);
    await submitSetup();
    expect((await screen.findByRole('alert')).textContent).toContain('Main says: choose a longer password.');
  });

  it('shows live strength feedback once the dictionaries load', async () => {
    renderApp({ status: 'uninitialized' });
    await screen.findByRole('heading', { name: 'Create your vault' });
    await type('Master password', STRONG);
    expect(await screen.findByText(/Very strong|Strong/)).toBeTruthy();
  });
});

describe('unlock', () => {
  it('unlocks with the password and shows a wrong password clearly', async () => {
    let n = 0;
    const app = renderApp(
      { status: 'locked' },
      {
        unlock: async () =>
          ++n === 1 ? { ok: false, error: { code: 'BAD_PASSWORD', message: 'That password does not open this vault.', retryable: true } } : { ok: true, value: undefined },
      },
    );
    await screen.findByRole('heading', { name: 'Unlock your vault' });
    await type('Master password', 'nope');
    await fireEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Wrong password');
    // The wrong password is focused and selected: typing again replaces it.
    const field = screen.getByLabelText('Master password', { exact: true }) as HTMLInputElement;
    await waitFor(() => expect(document.activeElement).toBe(field));
    expect([field.selectionStart, field.selectionEnd]).toEqual([0, 'nope'.length]);
    await type('Master password', 'right one');
    await fireEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    await screen.findByRole('navigation', { name: 'Main' });
    expect(app.api.callsTo('unlock')).toEqual([['nope'], ['right one']]);
  });

  it('offers the OS keychain only when enabled', async () => {
    const app = renderApp({ status: 'locked', settings: settingsView({ keychainUnlock: true }, { enabled: true }) }, { unlockWithKeychain: async () => ({ ok: true, value: undefined }) });
    await fireEvent.click(await screen.findByRole('button', { name: /Unlock with OS keychain/ }));
    await screen.findByRole('navigation', { name: 'Main' });
    expect(app.api.callsTo('unlockWithKeychain')).toHaveLength(1);
    cleanup();
    renderApp({ status: 'locked', settings: settingsView() });
    await screen.findByRole('heading', { name: 'Unlock your vault' });
    expect(screen.queryByRole('button', { name: /OS keychain/ })).toBeNull();
  });

  it('VAULT_DAMAGED shows the backups and restores one with the password', async () => {
    let status: 'locked' | 'unlocked' = 'locked';
    const app = renderApp(
      {},
      {
        status: async () => ({ ok: true, value: status }),
        unlock: async () => ({ ok: false, error: { code: 'VAULT_DAMAGED', message: 'The vault file failed its integrity check.', retryable: false } }),
        backups: async () => ({
          ok: true,
          value: [
            { id: 'old', createdAt: T0 - 86_400_000, bytes: 1000 },
            { id: 'new', createdAt: T0 - 3_600_000, bytes: 1200 },
          ],
        }),
        restoreBackup: async () => {
          status = 'unlocked'; // main opens the restored vault with the password given
          return { ok: true, value: undefined };
        },
      },
    );
    await screen.findByRole('heading', { name: 'Unlock your vault' });
    await type('Master password', 'pw');
    await fireEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    expect(await screen.findByRole('heading', { name: 'Your vault file is damaged' })).toBeTruthy();
    expect(screen.getByText('The vault file failed its integrity check.')).toBeTruthy();
    const restore = await screen.findAllByRole('button', { name: 'Restore' });
    expect(restore).toHaveLength(2);
    await type('Master password', 'pw');
    await fireEvent.click(restore[0]!); // newest first
    await waitFor(() => expect(app.api.callsTo('restoreBackup')).toEqual([['new', 'pw']]));
    await screen.findByRole('navigation', { name: 'Main' });
  });
});
