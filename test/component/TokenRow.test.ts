import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { Result, TokenView } from '../../preload/contract.js';
import { azionAccount, deferred, oceanAccount, T0, tokenView } from '../support/fakeVaultApi.js';
import { renderApp } from './renderApp.js';

afterEach(cleanup);

const M = 60_000;
const H = 60 * M;

const row = (preview: string): HTMLElement => screen.getByText(preview).closest('li')!;
/** Revoked and expired tokens live in the account's history, collapsed until asked for. */
const openHistory = async (): Promise<void> => {
  for (const b of screen.queryAllByRole('button', { name: /^History/ })) if (b.getAttribute('aria-expanded') === 'false') await fireEvent.click(b);
};

describe('token rows', () => {
  it('shows every state with a word, not colour alone', async () => {
    renderApp({
      accounts: [azionAccount()],
      tokens: [
        tokenView({ id: 'a', preview: 'aaaa…1', expiresAt: T0 + 5 * H }),
        tokenView({ id: 'b', preview: 'bbbb…2', expiresAt: T0 + 4 * M }),
        tokenView({ id: 'c', preview: 'cccc…3', expiresAt: T0 - M }),
        tokenView({ id: 'd', preview: 'dddd…4', state: 'revoking' }),
        tokenView({ id: 'e', preview: 'eeee…5', state: 'revoked' }),
        tokenView({ id: 'f', preview: 'ffff…6', state: 'revoke_failed', failure: { code: 'NETWORK', message: 'Could not reach Azion.', retryable: true } }),
      ],
    });
    await screen.findByText('aaaa…1');
    expect(screen.queryByText('cccc…3')).toBeNull(); // expired and revoked: in the collapsed history
    await openHistory();
    const states = ['aaaa…1', 'bbbb…2', 'cccc…3', 'dddd…4', 'eeee…5', 'ffff…6'].map((p) => [row(p).dataset['state'], row(p).querySelector('.badge')?.textContent?.trim()]);
    expect(states).toEqual([
      ['active', 'Active'],
      ['expiring', 'Expiring'],
      ['expired', 'Expired'],
      ['revoking', 'Revoking…'],
      ['revoked', 'Revoked'],
      ['revoke_failed', 'Revoke failed'],
    ]);
    expect(within(row('ffff…6')).getByText('Could not reach Azion.')).toBeTruthy();
    expect(within(row('ffff…6')).getByRole('button', { name: /Retry/ })).toBeTruthy();
    // Dead tokens cannot be copied, revealed or revoked: their history rows have no buttons at all.
    expect(within(row('eeee…5')).queryAllByRole('button')).toEqual([]);
    expect(within(row('cccc…3')).queryAllByRole('button')).toEqual([]);
    // One still being revoked keeps them, disabled.
    expect((within(row('dddd…4')).getByRole('button', { name: /^Copy .*4$/ }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('counts down from the one shared clock and turns "expiring", then "expired"', async () => {
    const app = renderApp({ accounts: [azionAccount()], tokens: [tokenView({ expiresAt: T0 + 16 * M + 5_000 })] });
    await screen.findByText('c2a9…x9Q');
    const r = row('c2a9…x9Q');
    expect(r.querySelector('time')?.textContent).toBe('expires in 16m 05s'); // the prefix is for screen readers only
    expect(r.dataset['state']).toBe('active');
    app.advance(66_000);
    expect(r.querySelector('time')?.textContent).toBe('expires in 14m 59s');
    expect(r.dataset['state']).toBe('expiring');
    expect(app.time.pending()).toBe(1); // one timer for the whole window, not one per row
    app.advance(15 * M);
    // Expired: the token moves to the account's history.
    expect(r.isConnected).toBe(false);
    await openHistory();
    expect(row('c2a9…x9Q').dataset['state']).toBe('expired');
    expect(row('c2a9…x9Q').querySelector('time')?.textContent?.trim()).toBe('expired just now');
  });

  it('revokes in one click, with a few seconds to undo before main is asked', async () => {
    const answer = deferred<Result<TokenView>>();
    const app = renderApp({ accounts: [azionAccount()], tokens: [tokenView()] }, { revoke: () => answer.promise });
    await screen.findByText('c2a9…x9Q');
    await fireEvent.click(screen.getByRole('button', { name: /^Revoke / }));
    expect(row('c2a9…x9Q').dataset['state']).toBe('revoking');
    expect(screen.queryByRole('dialog')).toBeNull(); // no confirmation: an undo instead
    expect(screen.getByText('Revoking Production API session token')).toBeTruthy();
    // Undo (the row's or the toast's) before the time is up: nothing was sent.
    await fireEvent.click(screen.getByRole('button', { name: /^Undo revoke of / }));
    expect(row('c2a9…x9Q').dataset['state']).toBe('active');
    app.advance(10_000);
    expect(app.api.callsTo('revoke')).toEqual([]);

    await fireEvent.click(screen.getByRole('button', { name: /^Revoke / }));
    app.advance(4_900);
    expect(app.api.callsTo('revoke')).toEqual([]);
    app.advance(200);
    expect(app.api.callsTo('revoke')).toEqual([['tok-1']]);
    answer.resolve({ ok: true, value: tokenView({ state: 'revoked' }) });
    await waitFor(() => expect(screen.getByRole('button', { name: /^History/ })).toBeTruthy());
    await openHistory();
    expect(row('c2a9…x9Q').dataset['state']).toBe('revoked');
    expect(row('c2a9…x9Q').querySelector('.badge')?.textContent?.trim()).toBe('Revoked');
  });

  it('a failed revoke shows the reason and retries from the row', async () => {
    let attempt = 0;
    const app = renderApp(
      { accounts: [azionAccount()], tokens: [tokenView()] },
      {
        revoke: async () => {
          attempt++;
          return attempt === 1
            ? { ok: false, error: { code: 'SERVER_ERROR', message: 'Azion answered 503; try again shortly.', retryable: true } }
            : { ok: true, value: tokenView({ state: 'revoked' }) };
        },
      },
    );
    await screen.findByText('c2a9…x9Q');
    await fireEvent.click(screen.getByRole('button', { name: /^Revoke / }));
    app.advance(5_000);
    expect(await within(row('c2a9…x9Q')).findByText('Azion answered 503; try again shortly.')).toBeTruthy();
    await fireEvent.click(within(row('c2a9…x9Q')).getByRole('button', { name: /Retry/ }));
    app.advance(5_000);
    await waitFor(() => expect(screen.queryByText('c2a9…x9Q')).toBeNull()); // revoked: into the history
    expect(app.api.callsTo('revoke')).toEqual([['tok-1'], ['tok-1']]);
  });

  it('copies in one click and says when the clipboard clears', async () => {
    const app = renderApp({ accounts: [azionAccount()], tokens: [tokenView()] }, { copy: async () => ({ ok: true, value: { format: 'header', clearsAt: T0 + 30_000 } }) });
    await screen.findByText('c2a9…x9Q');
    await fireEvent.click(screen.getByRole('button', { name: /^Copy Production API .*x9Q$/ }));
    expect(await screen.findByText('Copied — clears in 30s')).toBeTruthy();
    expect(app.api.callsTo('copy')).toEqual([['tok-1']]); // the account's default format
    app.advance(10_010); // past the tick just after the tenth second
    expect(screen.getByText('Copied — clears in 20s')).toBeTruthy();
    app.api.emit({ type: 'clipboard-cleared' });
    expect(await screen.findByText('Clipboard cleared')).toBeTruthy();
  });

  it('says "Copied" only while the copied token is usable: not once it is revoking, revoked or expired', async () => {
    const answer = deferred<Result<TokenView>>();
    const app = renderApp(
      {
        accounts: [azionAccount()],
        tokens: [tokenView({ id: 'a', preview: 'aaaa…1' }), tokenView({ id: 'b', preview: 'bbbb…2', expiresAt: T0 + 10_000 })],
      },
      { copy: async () => ({ ok: true, value: { format: 'header', clearsAt: T0 + 30_000 } }), revoke: () => answer.promise },
    );
    await screen.findByText('aaaa…1');
    const copyButton = (preview: string) => within(row(preview)).getByRole('button', { name: /^Cop(y|ied) .*[^…]$/ });
    const says = (preview: string) => copyButton(preview).textContent?.trim();

    await fireEvent.click(copyButton('aaaa…1'));
    await waitFor(() => expect(says('aaaa…1')).toBe('Copied'));
    // Its name starts with what it shows (WCAG 2.5.3).
    expect(copyButton('aaaa…1').getAttribute('aria-label')).toMatch(/^Copied /);
    await fireEvent.click(screen.getByRole('button', { name: /^Revoke .*aaaa…1$/ }));
    expect(row('aaaa…1').dataset['state']).toBe('revoking');
    expect(says('aaaa…1')).toBe('Copy');
    app.advance(5_000);
    answer.resolve({ ok: true, value: tokenView({ id: 'a', preview: 'aaaa…1', state: 'revoked' }) });
    await waitFor(() => expect(screen.queryByText('aaaa…1')).toBeNull());
    await openHistory();
    expect(row('aaaa…1').dataset['state']).toBe('revoked');
    expect(row('aaaa…1').querySelector('.copied')).toBeNull();
    // The clipboard note still tells the truth: main clears the old value when its time comes.
    expect(screen.getByText(/^Copied — clears in 2\ds$/)).toBeTruthy();

    await fireEvent.click(copyButton('bbbb…2'));
    await waitFor(() => expect(says('bbbb…2')).toBe('Copied'));
    app.advance(6_000);
    await openHistory();
    expect(row('bbbb…2').dataset['state']).toBe('expired');
    expect(row('bbbb…2').querySelector('.copied')).toBeNull();
  });

  it('copies in another format from the menu, which Esc closes', async () => {
    const app = renderApp({ accounts: [azionAccount()], tokens: [tokenView()] }, { copy: async (_id, f) => ({ ok: true, value: { format: f ?? 'header', clearsAt: T0 + 30_000 } }) });
    await screen.findByText('c2a9…x9Q');
    const caret = screen.getByRole('button', { name: /as…$/ });
    await fireEvent.click(caret);
    const menu = screen.getByRole('menu');
    expect(within(menu).getAllByRole('menuitem').map((i) => i.textContent)).toHaveLength(4);
    await fireEvent.keyDown(menu, { key: 'Escape' });
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(caret);
    await fireEvent.click(caret);
    await fireEvent.click(within(screen.getByRole('menu')).getByRole('menuitem', { name: /curl command/ }));
    expect(app.api.callsTo('copy')).toEqual([['tok-1', 'curl']]);
    expect(await screen.findByText('Copied — clears in 30s')).toBeTruthy();
  });

  it('the menu names the header each kind of token is copied in', async () => {
    renderApp({
      accounts: [azionAccount(), oceanAccount()],
      tokens: [
        tokenView(),
        tokenView({ id: 'tok-2', accountId: 'acc-ocean', accountLabel: 'Market bot', provider: 'ocean', kind: 'ocean-provider', preview: 'eyJh…Q1' }),
      ],
    });
    await screen.findByText('…Q1') // a JWT's preview shows its distinct tail;
    const items = async (preview: string): Promise<string[]> => {
      await fireEvent.click(within(row(preview)).getByRole('button', { name: /as…$/ }));
      const names = within(screen.getByRole('menu')).getAllByRole('menuitem').map((i) => i.textContent ?? '');
      await fireEvent.keyDown(screen.getByRole('menu'), { key: 'Escape' });
      return names;
    };
    expect((await items('…Q1')).join('|')).toMatch(/AuthToken header.*\|.*checks the token · AuthToken/);
    expect((await items('c2a9…x9Q')).join('|')).toMatch(/Authorization header/);
    expect((await items('c2a9…x9Q')).join('|')).not.toMatch(/AuthToken/);
  });

  it('reveals on click and hides after 20 s, on blur and on lock', async () => {
    const app = renderApp({ accounts: [azionAccount()], tokens: [tokenView()] }, { reveal: async () => ({ ok: true, value: 'demo-value-not-a-secret' }) });
    await screen.findByText('c2a9…x9Q');
    const reveal = () => fireEvent.click(screen.getByRole('button', { name: /^Reveal value of / }));
    const value = () => screen.queryByRole('textbox', { name: 'Token value' }) as HTMLTextAreaElement | null;

    await reveal();
    expect((await screen.findByRole('textbox', { name: 'Token value' }) as HTMLTextAreaElement).value).toBe('demo-value-not-a-secret');
    app.advance(20_000);
    expect(value()).toBeNull();

    await reveal();
    await screen.findByRole('textbox', { name: 'Token value' });
    await fireEvent.blur(window);
    expect(value()).toBeNull();

    await reveal();
    await screen.findByRole('textbox', { name: 'Token value' });
    app.api.emit({ type: 'vault-status', status: 'locked' });
    await screen.findByRole('heading', { name: 'Unlock your vault' });
    expect(document.body.textContent).not.toContain('demo-value-not-a-secret');
  });
});

describe('tokens list', () => {
  const tokens = [
    tokenView({ id: 'old', preview: 'old…1', createdAt: T0 - 5 * H, expiresAt: T0 + 19 * H }),
    tokenView({ id: 'new', preview: 'new…2', createdAt: T0 - H }),
    tokenView({ id: 'oc', preview: 'ocean…3', accountId: 'acc-ocean', accountLabel: 'Market bot', provider: 'ocean', kind: 'ocean-provider', expiresAt: T0 + 5 * M }),
  ];

  it('groups by account, the soonest expiry first', async () => {
    renderApp({ accounts: [azionAccount()], tokens });
    await screen.findByText('old…1');
    const order = [...document.querySelectorAll('li[data-state] code')].map((c) => c.textContent);
    expect(order).toEqual(['old…1', 'new…2', 'ocean…3']);
    expect(screen.getByRole('list', { name: /Tokens of Production API/ })).toBeTruthy();
  });

  it('filters by text, provider and state', async () => {
    renderApp({ accounts: [azionAccount()], tokens });
    await screen.findByText('old…1');
    const shown = () => [...document.querySelectorAll('li[data-state] code')].map((c) => c.textContent);
    await fireEvent.input(screen.getByRole('searchbox'), { target: { value: 'market' } });
    expect(shown()).toEqual(['ocean…3']);
    await fireEvent.input(screen.getByRole('searchbox'), { target: { value: '' } });
    await fireEvent.click(screen.getByRole('radio', { name: 'Azion' }));
    expect(shown()).toEqual(['old…1', 'new…2']);
    await fireEvent.click(screen.getByRole('radio', { name: 'All' }));
    await fireEvent.click(screen.getByRole('radio', { name: /Expiring/ }));
    expect(shown()).toEqual(['ocean…3']);
    await fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(shown()).toHaveLength(3);
  });

  it('says what to do when there is nothing yet', async () => {
    renderApp({ accounts: [], tokens: [] });
    expect(await screen.findByRole('heading', { name: 'No accounts yet' })).toBeTruthy();
    expect(screen.queryByRole('searchbox')).toBeNull(); // nothing to search or filter yet
    expect(screen.queryByRole('radiogroup', { name: 'State' })).toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: /Add account/ }));
    expect(await screen.findByRole('dialog')).toBeTruthy();
    cleanup();
    renderApp({ accounts: [azionAccount()], tokens: [] });
    expect(await screen.findByText(/No live tokens for this account yet/)).toBeTruthy();
    expect(screen.queryByRole('searchbox')).toBeNull();
  });
});
