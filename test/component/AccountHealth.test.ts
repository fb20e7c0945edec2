import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountInput, AccountView, Result } from '../../preload/contract.js';
import { azionAccount, T0 } from '../support/fakeVaultApi.js';
import { renderApp } from './renderApp.js';

afterEach(cleanup);

const REFUSED = { code: 'BAD_CREDENTIALS', message: 'Azion refused the email or password (401). Check them in the account settings.', retryable: false } as const;

async function openAccounts(): Promise<void> {
  await fireEvent.click(await screen.findByRole('button', { name: /^Accounts/ }));
  await screen.findByRole('heading', { name: 'Accounts', level: 1 });
}

describe('account health on the card', () => {
  it('saving an Azion account checks its credentials once and keeps a refusal on the card', async () => {
    const app = renderApp(
      { accounts: [] },
      {
        addAccount: async (i: AccountInput): Promise<Result<AccountView>> => ({ ok: true, value: azionAccount({ label: i.label }) }),
        checkAccount: async () => ({ ok: false, error: REFUSED }),
      },
    );
    await fireEvent.click(await screen.findByRole('button', { name: /Add account/ }));
    const dialog = await screen.findByRole('dialog');
    await fireEvent.input(within(dialog).getByLabelText('Name', { exact: true }), { target: { value: 'Production API' } });
    await fireEvent.input(within(dialog).getByLabelText('Email', { exact: true }), { target: { value: 'ops@example.com' } });
    await fireEvent.input(within(dialog).getByLabelText('Password', { exact: true }), { target: { value: 'pw-not-real' } });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Add account' }));
    await waitFor(() => expect(app.api.callsTo('checkAccount')).toEqual([['acc-azion']]));
    await openAccounts();
    const card = (await screen.findByRole('heading', { name: 'Production API' })).closest('article')!;
    expect(await within(card).findByText(/Last attempt failed/)).toBeTruthy();
    expect(within(card).getByText(/Azion refused the email or password/)).toBeTruthy();
  });

  it('shows the failure main kept (after a lock or a restart) until a success', async () => {
    renderApp(
      { accounts: [azionAccount({ health: { at: T0 - 60_000, error: REFUSED } })], tokens: [] },
      { checkAccount: async () => ({ ok: true, value: { checkedAt: T0 } }) },
    );
    await openAccounts();
    const card = (await screen.findByRole('heading', { name: 'Production API' })).closest('article')!;
    expect(within(card).getByText(/Last attempt failed/)).toBeTruthy();
    await fireEvent.click(within(card).getAllByRole('button', { name: /Check/ })[0]!);
    expect(await within(card).findByText(/Azion accepted the credentials/)).toBeTruthy();
    expect(within(card).queryByText(/Last attempt failed/)).toBeNull();
  });
});
