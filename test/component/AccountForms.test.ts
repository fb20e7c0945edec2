import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountInput, AccountView, Result } from '../../preload/contract.js';
import { azionAccount, oceanAccount } from '../support/fakeVaultApi.js';
import { renderApp } from './renderApp.js';

afterEach(cleanup);

const type = (label: string, value: string) => fireEvent.input(within(screen.getByRole('dialog')).getByLabelText(label, { exact: true }), { target: { value } });
const click = (name: string | RegExp) => fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name }));
const choose = (name: string | RegExp) => fireEvent.click(within(screen.getByRole('dialog')).getByRole('radio', { name }));

function adder(view: (input: AccountInput) => AccountView = (i) => (i.kind === 'azion' ? azionAccount({ label: i.label }) : oceanAccount({ label: i.label }))) {
  return { addAccount: async (input: AccountInput): Promise<Result<AccountView>> => ({ ok: true, value: view(input) }) };
}

async function openAdd(): Promise<ReturnType<typeof renderApp>> {
  const app = renderApp({ accounts: [] }, adder());
  await fireEvent.click(await screen.findByRole('button', { name: /Add account/ }));
  await screen.findByRole('dialog');
  return app;
}

describe('add account', () => {
  it('sends an Azion AccountInput with only what was given (defaults left to main)', async () => {
    const app = await openAdd();
    await type('Name', ' Production API ');
    await type('Email', 'ops@example.com');
    await type('Password', 'pw-not-real');
    await click('Add account');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(app.api.callsTo('addAccount')).toEqual([[{ kind: 'azion', label: 'Production API', email: 'ops@example.com', mode: 'session', password: 'pw-not-real' }]]);
  });

  it('sends personal mode, a pasted personal token and changed endpoints', async () => {
    const app = await openAdd();
    await type('Name', 'Edge (SSO)');
    await type('Email', 'ci@example.com');
    await choose(/Personal tokens/);
    await type('Personal token (optional)', 'azion-demo-token-not-real');
    await type('API base (personal tokens)', 'https://api.staging.example/');
    await click('Add account');
    await waitFor(() => expect(app.api.callsTo('addAccount')).toHaveLength(1));
    expect(app.api.callsTo('addAccount')[0]).toEqual([
      { kind: 'azion', label: 'Edge (SSO)', email: 'ci@example.com', mode: 'personal', personalToken: 'azion-demo-token-not-real', apiBase: 'https://api.staging.example' },
    ]);
  });

  it('refuses an Azion account without a way to authenticate, naming the field', async () => {
    const app = await openAdd();
    await type('Name', 'X');
    await type('Email', 'x@example.com');
    await click('Add account');
    expect(within(screen.getByRole('dialog')).getByText('Session tokens are minted with your Azion password.')).toBeTruthy();
    expect(app.api.callsTo('addAccount')).toEqual([]);
  });

  it('sends an Ocean account with a pasted hex key, then shows its address', async () => {
    const app = await openAdd();
    await choose('Ocean Protocol');
    await type('Name', 'Market bot');
    await type('Provider URL', 'https://provider.example');
    // The public Hardhat/Anvil test key #0 (from vectors.json): a well-known test key, not a secret.
    await type('Private key (hex)', '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80');
    await click('Add account');
    expect(await screen.findByText('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266')).toBeTruthy();
    expect(app.api.callsTo('addAccount')).toEqual([
      [{ kind: 'ocean', label: 'Market bot', providerUrl: 'https://provider.example', key: { type: 'hex', privateKey: '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80' } }],
    ]);
    await click('Done');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('imports a keystore file with its password', async () => {
    const app = await openAdd();
    await choose('Ocean Protocol');
    await type('Name', 'From keystore');
    await type('Provider URL', 'https://provider.example');
    await choose('Import keystore');
    const json = '{"version":3,"crypto":{"demo":true}}';
    const input = within(screen.getByRole('dialog')).getByLabelText('Keystore file') as HTMLInputElement;
    await fireEvent.change(input, { target: { files: [new File([json], 'wallet.json', { type: 'application/json' })] } });
    await screen.findByText('wallet.json');
    await type('Keystore password', 'keystore-pw-not-real');
    await click('Add account');
    await waitFor(() => expect(app.api.callsTo('addAccount')).toHaveLength(1));
    expect(app.api.callsTo('addAccount')[0]).toEqual([{ kind: 'ocean', label: 'From keystore', providerUrl: 'https://provider.example', key: { type: 'keystore', json, password: 'keystore-pw-not-real' } }]);
  });

  it('generates a key when asked', async () => {
    const app = await openAdd();
    await choose('Ocean Protocol');
    await type('Name', 'Fresh key');
    await type('Provider URL', 'https://node.example');
    await choose('Generate new');
    await click('Add account');
    await waitFor(() => expect(app.api.callsTo('addAccount')).toHaveLength(1));
    expect(app.api.callsTo('addAccount')[0]).toEqual([{ kind: 'ocean', label: 'Fresh key', providerUrl: 'https://node.example', key: { type: 'generate' } }]);
  });

  it('shows BAD_KEY from main at the key field', async () => {
    renderApp({ accounts: [] }, { addAccount: async () => ({ ok: false, error: { code: 'BAD_KEY', message: 'That is not a valid secp256k1 private key.', retryable: false } }) });
    await fireEvent.click(await screen.findByRole('button', { name: /Add account/ }));
    await choose('Ocean Protocol');
    await type('Name', 'Bad');
    await type('Provider URL', 'https://provider.example');
    await type('Private key (hex)', 'f'.repeat(64));
    await click('Add account');
    expect((await screen.findAllByText('That is not a valid secp256k1 private key.')).length).toBeGreaterThan(0);
  });
});

async function goToAccounts(app: ReturnType<typeof renderApp>): Promise<void> {
  await screen.findByRole('navigation', { name: 'Main' });
  app.api.emit({ type: 'navigate', screen: 'accounts' });
}

describe('edit account', () => {
  it('sends only the fields that changed; blank secrets stay stored', async () => {
    const app = renderApp({ accounts: [azionAccount()] }, { updateAccount: async (_id, patch) => ({ ok: true, value: azionAccount({ label: patch.label ?? 'Production API' }) }) });
    await goToAccounts(app);
    await fireEvent.click(await screen.findByRole('button', { name: 'Edit Production API' }));
    await type('Name', 'Prod');
    await choose(/Personal tokens/);
    await click('Save changes');
    await waitFor(() => expect(app.api.callsTo('updateAccount')).toEqual([['acc-azion', { label: 'Prod', mode: 'personal' }]]));
  });

  it('moving an endpoint to another server asks for the secret again; a path-only change does not', async () => {
    const app = renderApp({ accounts: [oceanAccount()] }, { updateAccount: async () => ({ ok: true, value: oceanAccount() }) });
    await goToAccounts(app);
    await fireEvent.click(await screen.findByRole('button', { name: 'Edit Market bot' }));
    await type('Provider URL', 'https://provider.example/v2');
    expect(within(screen.getByRole('dialog')).queryByLabelText(/Private key \(hex\), to confirm/)).toBeNull();
    await type('Provider URL', 'https://elsewhere.example');
    await click('Save changes');
    expect((await screen.findAllByText(/paste this account's private key again/)).length).toBeGreaterThan(0);
    expect(app.api.callsTo('updateAccount')).toEqual([]);
    // The public Hardhat/Anvil test key #0 (a well-known test key, never real funds).
    await type('Private key (hex), to confirm the new server', '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80');
    await click('Save changes');
    await waitFor(() =>
      expect(app.api.callsTo('updateAccount')).toEqual([
        ['acc-ocean', { providerUrl: 'https://elsewhere.example', key: { type: 'hex', privateKey: '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80' } }],
      ]),
    );
  });

  it('per-account preferences apply at once', async () => {
    const app = renderApp({ accounts: [azionAccount()] }, { updateAccount: async (_id, patch) => ({ ok: true, value: azionAccount({ ...patch }) }) });
    await goToAccounts(app);
    const card = (await screen.findByRole('heading', { name: 'Production API' })).closest('article')!;
    await fireEvent.click(within(card).getByRole('checkbox', { name: /Auto-renew/ }));
    await fireEvent.change(within(card).getByRole('combobox'), { target: { value: 'curl' } });
    await waitFor(() => expect(app.api.callsTo('updateAccount')).toEqual([['acc-azion', { autoRenew: true }], ['acc-azion', { defaultCopyFormat: 'curl' }]]));
  });

  it('removes an account with one question, asked by main (which offers to revoke its tokens first)', async () => {
    const app = renderApp({ accounts: [azionAccount()], tokens: [] }, { removeAccount: async () => ({ ok: true, value: undefined }) });
    await goToAccounts(app);
    await fireEvent.click(await screen.findByRole('button', { name: 'Remove Production API…' }));
    expect(screen.queryByRole('dialog')).toBeNull(); // the window asks nothing itself
    await waitFor(() => expect(app.api.callsTo('removeAccount')).toEqual([['acc-azion']]));
    expect(app.api.callsTo('revokeAll')).toEqual([]);
    expect(await screen.findByRole('heading', { name: 'No accounts yet' })).toBeTruthy();
  });
});
