import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { azionAccount, T0, tokenView } from '../support/fakeVaultApi.js';
import { renderApp } from './renderApp.js';

afterEach(cleanup);

const M = 60_000;
const data = {
  accounts: [azionAccount()],
  tokens: [
    tokenView({ id: 'a', preview: 'aaaa…1', expiresAt: T0 + 60 * M }),
    tokenView({ id: 'b', preview: 'bbbb…2', expiresAt: T0 + 90 * M }),
    tokenView({ id: 'c', preview: 'cccc…3', state: 'revoked' }),
    tokenView({ id: 'd', preview: 'dddd…4', expiresAt: T0 - M }),
  ],
};

describe('revoke all and history', () => {
  it('revoke all says what it will do on its button; main asks the one question', async () => {
    let answer: 'yes' | 'no' = 'no';
    const app = renderApp(data, {
      revokeAll: async () =>
        answer === 'yes'
          ? { ok: true, value: { revoked: 2, failed: 0 } }
          : { ok: false, error: { code: 'NOT_CONFIRMED', message: 'Not confirmed. Click the confirm button in the dialog to go ahead.', retryable: false } },
    });
    await screen.findByText('aaaa…1');
    const button = screen.getByRole('button', { name: /^Revoke all 2 now… \(the live tokens of Production API\)/ });
    expect(button.textContent).toContain('Revoke all 2 now');
    expect(button.getAttribute('title')).toMatch(/no undo.*asks you to confirm/);
    // The person says no in main's dialog: nothing changes, no error toast, no window dialog.
    await fireEvent.click(button);
    await waitFor(() => expect(app.api.callsTo('revokeAll')).toEqual([['acc-azion']]));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.queryByText(/Revoke all failed/)).toBeNull();

    answer = 'yes';
    await fireEvent.click(button);
    await waitFor(() => expect(app.api.callsTo('revokeAll')).toHaveLength(2));
    expect(await screen.findByText('Production API: 2 revoked.')).toBeTruthy();
  });

  it('the vault-wide revoke all is one call for every account (main asks once)', async () => {
    const app = renderApp(data, { revokeAll: async () => ({ ok: true, value: { revoked: 2, failed: 0 } }) });
    await screen.findByText('aaaa…1');
    await fireEvent.click(screen.getByRole('button', { name: /^Revoke all 2 now… \(the live tokens of every account\)/ }));
    await waitFor(() => expect(app.api.callsTo('revokeAll')).toEqual([[null]]));
    expect(await screen.findByText('All accounts: 2 revoked.')).toBeTruthy();
  });

  it('revoked and expired tokens wait in a collapsed history, which Clear empties', async () => {
    const app = renderApp(data, { clearHistory: async () => ({ ok: true, value: { removed: 2 } }) });
    await screen.findByText('aaaa…1');
    expect(screen.queryByText('cccc…3')).toBeNull();
    const toggle = screen.getByRole('button', { name: /^History · 1 revoked, 1 expired/ });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await fireEvent.click(toggle);
    expect(screen.getByText('cccc…3')).toBeTruthy();
    expect(screen.getByRole('list', { name: /History of Production API/ })).toBeTruthy();
    // The sidebar counts live tokens only.
    expect(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('button', { name: /Tokens/ }).textContent).toContain('2');
    await fireEvent.click(screen.getByRole('button', { name: 'Clear history of Production API…' }));
    await waitFor(() => expect(app.api.callsTo('clearHistory')).toEqual([['acc-azion']]));
    expect(await screen.findByText('Production API · 2 tokens removed')).toBeTruthy();
  });
});
