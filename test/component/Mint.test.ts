import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { MintOptions, Result, TokenView } from '../../preload/contract.js';
import { azionAccount, deferred, oceanAccount, T0, tokenView } from '../support/fakeVaultApi.js';
import { renderApp } from './renderApp.js';

afterEach(cleanup);

const H = 3_600_000;
const D = 24 * H;
const dialog = () => within(screen.getByRole('dialog'));

const minted = (accountId: string, options: MintOptions): Result<TokenView> => ({
  ok: true,
  value: tokenView({ id: `new-${accountId}`, accountId, preview: 'new…tok', expiresAt: options.expiresAt ?? T0 + D, createdAt: T0 }),
});

describe('mint', () => {
  it('Ocean: shows the signing preview and mints only after approval', async () => {
    const app = renderApp(
      { accounts: [oceanAccount()] },
      {
        previewMint: async (_id, o) => ({
          ok: true,
          value: { previewId: 'pv-1', address: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', nonce: '7', message: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb922667', expiresAt: o.expiresAt!, flavour: 'provider', providerUrl: 'https://provider.example', statement: 'Only your address and the nonce are signed.' },
        }),
        mint: async (id, o) => minted(id, o),
      },
    );
    await fireEvent.click(await screen.findByRole('button', { name: 'Mint token… for Market bot' }));
    await fireEvent.click(dialog().getByRole('radio', { name: '1 hour' }));
    await fireEvent.click(dialog().getByRole('button', { name: 'Review signature…' }));

    await screen.findByText('Approve signature');
    const list = dialog().getByLabelText('Signing preview');
    expect(within(list).getByText('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb922667')).toBeTruthy(); // the message
    expect(within(list).getByText('7')).toBeTruthy(); // the nonce
    expect(within(list).getByText('https://provider.example')).toBeTruthy();
    expect(app.api.callsTo('previewMint')).toEqual([['acc-ocean', { expiresAt: T0 + H }]]);
    expect(app.api.callsTo('mint')).toEqual([]); // nothing signed or sent yet

    await fireEvent.click(dialog().getByRole('button', { name: 'Approve and mint' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(app.api.callsTo('mint')).toEqual([['acc-ocean', { previewId: 'pv-1', expiresAt: T0 + H }]]);
    expect(await screen.findByText('new…tok')).toBeTruthy();
  });

  it('Azion session tokens mint at once, with a spinner while the call runs', async () => {
    const answer = deferred<Result<TokenView>>();
    const app = renderApp({ accounts: [azionAccount()] }, { mint: () => answer.promise });
    await fireEvent.click(await screen.findByRole('button', { name: 'Mint session token for Production API' }));
    expect(screen.getByText('Minting…')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
    answer.resolve(minted('acc-azion', {}));
    expect(await screen.findByText('new…tok')).toBeTruthy();
    expect(app.api.callsTo('mint')).toEqual([['acc-azion', {}]]);
  });

  it('Azion personal tokens take a lifetime and a name', async () => {
    const app = renderApp({ accounts: [azionAccount({}, 'personal')] }, { mint: async (id, o) => minted(id, o) });
    await fireEvent.click(await screen.findByRole('button', { name: 'Mint personal token… for Production API' }));
    expect(dialog().getAllByRole('radio').map((r) => (r as HTMLInputElement).value)).toEqual(['1d', '7d', '15d', '30d', '90d', '365d', 'custom']);
    await fireEvent.input(dialog().getByLabelText('Name'), { target: { value: 'CI deploys' } });
    await fireEvent.click(dialog().getByRole('radio', { name: '7 days' }));
    await fireEvent.click(dialog().getByRole('button', { name: 'Mint token' }));
    await waitFor(() => expect(app.api.callsTo('mint')).toEqual([['acc-azion', { expiresAt: T0 + 7 * D, name: 'CI deploys' }]]));
  });

  it('refuses a custom Azion date after 2038-02-09', async () => {
    const app = renderApp({ accounts: [azionAccount({}, 'personal')] });
    await fireEvent.click(await screen.findByRole('button', { name: 'Mint personal token… for Production API' }));
    await fireEvent.click(dialog().getByRole('radio', { name: 'Custom…' }));
    await fireEvent.input(dialog().getByLabelText('Date'), { target: { value: '2038-02-10' } });
    await fireEvent.click(dialog().getByRole('button', { name: 'Mint token' }));
    expect(dialog().getByRole('alert').textContent).toContain('2038-02-09');
    expect(app.api.callsTo('mint')).toEqual([]);
  });

  it("shows main's message for an error, with the retry time for RATE_LIMITED", async () => {
    renderApp(
      { accounts: [azionAccount({}, 'personal')] },
      { mint: async () => ({ ok: false, error: { code: 'RATE_LIMITED', message: 'Azion is limiting requests.', retryable: true, retryAt: T0 + 125_000 } }) },
    );
    await fireEvent.click(await screen.findByRole('button', { name: 'Mint personal token… for Production API' }));
    await fireEvent.click(dialog().getByRole('button', { name: 'Mint token' }));
    const alert = await dialog().findByRole('alert');
    expect(alert.textContent).toContain('Rate limited');
    expect(alert.textContent).toContain('Azion is limiting requests. (Try again in 2m 05s.)');
  });
});
