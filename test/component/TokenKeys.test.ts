import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { Result, TokenView } from '../../preload/contract.js';
import { azionAccount, deferred, oceanAccount, T0, tokenView } from '../support/fakeVaultApi.js';
import { renderApp } from './renderApp.js';

afterEach(cleanup);

const M = 60_000;
const ocean = { accountId: 'acc-ocean', accountLabel: 'Market bot', provider: 'ocean', kind: 'ocean-provider' } as const;

/** Two account groups; a row of the first is revoked (in its history), so it has no enabled button. */
const data = {
  accounts: [azionAccount(), oceanAccount()],
  tokens: [
    tokenView({ id: 'a1', preview: 'a1…one', createdAt: T0 - M }),
    tokenView({ id: 'a2', preview: 'a2…two', createdAt: T0 - 2 * M, state: 'revoked' }),
    tokenView({ id: 'a3', preview: 'a3…three', createdAt: T0 - 3 * M }),
    tokenView({ id: 'o1', preview: 'o1…four', createdAt: T0 - M, ...ocean }),
    tokenView({ id: 'o2', preview: 'o2…five', createdAt: T0 - 2 * M, ...ocean }),
  ],
};

const row = (preview: string): HTMLElement => screen.getByText(preview).closest('li')!;
const copyOf = (preview: string): HTMLButtonElement => within(row(preview)).getByRole('button', { name: /^Cop(y|ied) .*[^…]$/ });
const focused = (): Element | null => document.activeElement;
const press = (key: string, on: Element | null = focused()) => fireEvent.keyDown(on!, { key });

/** The first account's history (its revoked row) is opened, so the arrows visit it too. */
async function ready(overrides: Parameters<typeof renderApp>[1] = {}) {
  const app = renderApp(data, { copy: async () => ({ ok: true, value: { format: 'header', clearsAt: T0 + 30_000 } }), ...overrides });
  await screen.findByText('a1…one');
  await fireEvent.click(screen.getByRole('button', { name: /^History/ }));
  await screen.findByText('a2…two');
  return app;
}

describe('keyboard over the token rows', () => {
  it('Up and Down move between rows across account groups; Home and End go to the ends', async () => {
    await ready();
    copyOf('a1…one').focus();
    await press('ArrowDown');
    await waitFor(() => expect(focused()).toBe(copyOf('a3…three')));
    await press('ArrowDown'); // into the open history
    // A revoked row has no enabled button: the row itself takes focus, named with its state.
    await waitFor(() => expect(focused()).toBe(row('a2…two')));
    expect(row('a2…two').getAttribute('aria-label')).toBe('Production API session token a2…two, Revoked');
    await press('ArrowDown'); // into the next account's group
    await waitFor(() => expect(focused()).toBe(copyOf('o1…four')));
    await press('End');
    await waitFor(() => expect(focused()).toBe(copyOf('o2…five')));
    await press('ArrowDown'); // the last row stays the last
    expect(focused()).toBe(copyOf('o2…five'));
    await press('Home');
    await waitFor(() => expect(focused()).toBe(copyOf('a1…one')));
    await press('ArrowUp'); // above the first row: the search box
    expect(focused()).toBe(screen.getByRole('searchbox', { name: 'Search tokens' }));
    await press('ArrowDown'); // and back down to the list
    await waitFor(() => expect(focused()).toBe(copyOf('a1…one')));
  });

  it('moves from any button of a row, and takes the key from the scrolling list', async () => {
    await ready();
    const reveal = within(row('a3…three')).getByRole('button', { name: /^Reveal value of / });
    reveal.focus();
    expect(await press('ArrowUp')).toBe(false); // default prevented: the list does not scroll as well
    await waitFor(() => expect(focused()).toBe(copyOf('a1…one')));
    expect(await press('ArrowDown', reveal)).toBe(false);
    await waitFor(() => expect(focused()).toBe(row('a2…two')));
  });

  it('keeps one row in the Tab order, the one focus last stood on', async () => {
    await ready();
    const tabbable = () => [...document.querySelectorAll<HTMLElement>('li[data-token], li[data-token] button:enabled')].filter((el) => el.tabIndex === 0);
    const rowOf = (el: HTMLElement) => el.closest('li')!.querySelector('code')!.textContent;
    expect(new Set(tabbable().map(rowOf))).toEqual(new Set(['a1…one']));
    expect(tabbable()).toHaveLength(4); // copy, copy as…, reveal, revoke: only the first row's
    copyOf('a1…one').focus();
    await press('End');
    await waitFor(() => expect(new Set(tabbable().map(rowOf))).toEqual(new Set(['o2…five'])));
    await press('Home');
    await waitFor(() => expect(focused()).toBe(copyOf('a1…one')));
    await press('ArrowDown');
    await waitFor(() => expect(focused()).toBe(copyOf('a3…three')));
    await press('ArrowDown'); // a revoked row is its own (only) stop
    await waitFor(() => expect(tabbable()).toEqual([row('a2…two')]));
    // A filter that hides the stop hands it to the first row shown.
    await fireEvent.click(screen.getByRole('radio', { name: 'Ocean' }));
    expect(new Set(tabbable().map(rowOf))).toEqual(new Set(['o1…four']));
  });

  it('Enter on a row copies it in the default format; on a revoked row it says there is nothing to copy', async () => {
    const app = await ready();
    copyOf('a1…one').focus();
    // Prevented, so a real browser does not also "click" the focused button and copy twice.
    expect(await press('Enter')).toBe(false);
    await waitFor(() => expect(app.api.callsTo('copy')).toEqual([['a1']]));
    expect(await within(row('a1…one')).findByText('Copied')).toBeTruthy();
    await press('ArrowDown');
    await waitFor(() => expect(focused()).toBe(copyOf('a3…three')));
    await press('ArrowDown');
    await waitFor(() => expect(focused()).toBe(row('a2…two')));
    await press('Enter');
    expect(await screen.findByText('Nothing to copy: Production API a2…two is revoked.')).toBeTruthy();
    // Enter on another button of a row is that button's own business, not a copy.
    expect(await press('Enter', within(row('a3…three')).getByRole('button', { name: /^Revoke / }))).toBe(true);
    expect(app.api.callsTo('copy')).toEqual([['a1']]);
  });

  it('from the search box: Down goes to the first match, Enter copies it', async () => {
    const app = await ready();
    const search = screen.getByRole('searchbox', { name: 'Search tokens' });
    await fireEvent.input(search, { target: { value: 'four' } });
    await press('Enter', search);
    await waitFor(() => expect(app.api.callsTo('copy')).toEqual([['o1']]));
    await press('ArrowDown', search);
    await waitFor(() => expect(focused()).toBe(copyOf('o1…four')));
  });

  it('leaves keys typed into the revealed value alone', async () => {
    await ready({ reveal: async () => ({ ok: true, value: 'demo-value-not-a-secret' }) });
    await fireEvent.click(within(row('a3…three')).getByRole('button', { name: /^Reveal value of / }));
    const value = await screen.findByRole('textbox', { name: 'Token value' });
    expect(focused()).toBe(value);
    for (const key of ['ArrowDown', 'ArrowUp', 'Home', 'End', 'Enter']) expect(await press(key, value)).toBe(true);
    expect(focused()).toBe(value);
  });

  it('revoking from the keyboard keeps focus in the row, so the arrows go on from there', async () => {
    const answers = [deferred<Result<TokenView>>(), deferred<Result<TokenView>>()];
    let n = 0;
    const app = await ready({ revoke: () => answers[n++]!.promise });
    const revokeOf = (p: string) => within(row(p)).getByRole('button', { name: /^Revoke / });

    revokeOf('a3…three').focus();
    await fireEvent.click(revokeOf('a3…three'));
    await waitFor(() => expect(focused()).toBe(row('a3…three'))); // Copy is disabled while it waits and runs
    app.advance(5_000);
    answers[0]!.resolve({ ok: true, value: tokenView({ id: 'a3', preview: 'a3…three', createdAt: T0 - 3 * M, state: 'revoked' }) });
    // Revoked, it moves into the (open) history, and focus goes with it.
    await waitFor(() => expect(row('a3…three').dataset['state']).toBe('revoked'));
    await waitFor(() => expect(focused()).toBe(row('a3…three')));
    await press('ArrowDown');
    await waitFor(() => expect(focused()).toBe(row('a2…two')));

    // A revoke that fails leaves the token usable: focus goes back to its Copy button.
    revokeOf('o1…four').focus();
    await fireEvent.click(revokeOf('o1…four'));
    await waitFor(() => expect(focused()).toBe(row('o1…four')));
    app.advance(5_000);
    answers[1]!.resolve({ ok: true, value: tokenView({ id: 'o1', preview: 'o1…four', createdAt: T0 - M, ...ocean, state: 'revoke_failed' }) });
    await waitFor(() => expect(focused()).toBe(copyOf('o1…four')));
  });
});
