import { describe, expect, it } from 'vitest';
import type { AppEvent, CopyFormat, MintOptions } from '../../../preload/contract.js';
import { AppError } from '../../../main/core/errors.js';
import { createTrayActionHandler, type NoticeText, type TrayActionDeps } from '../../../main/tray/trayActions.js';
import { NOW, view } from './fixtures.js';

function setup(fail: Partial<Record<'copy' | 'revoke' | 'mint' | 'lock', unknown>> = {}) {
  const calls: string[] = [];
  const events: AppEvent[] = [];
  const notices: NoticeText[] = [];
  const deps: TrayActionDeps = {
    tokens: {
      async copy(tokenId: string, format?: CopyFormat) {
        calls.push(`copy ${tokenId} ${format ?? 'default'}`);
        if (fail.copy) throw fail.copy;
        return { format: format ?? 'header', clearsAt: NOW + 30_000 };
      },
      async revoke(tokenId: string) {
        calls.push(`revoke ${tokenId}`);
        if (fail.revoke) throw fail.revoke;
        return view({ id: tokenId, state: 'revoked' });
      },
      async mint(accountId: string, options: MintOptions) {
        calls.push(`mint ${accountId} ${JSON.stringify(options)}`);
        if (fail.mint) throw fail.mint;
        return view({ id: 'minted', accountId, accountLabel: 'azion-prod' });
      },
    },
    async lock() {
      calls.push('lock');
      if (fail.lock) throw fail.lock;
    },
    showWindow: () => calls.push('show'),
    send: (e) => events.push(e),
    notify: (n) => notices.push(n),
    quit: () => calls.push('quit'),
  };
  return { handle: createTrayActionHandler(deps), calls, events, notices };
}

describe('tray actions', () => {
  it('copy uses the format given, or none (the account default)', async () => {
    const { handle, calls, notices } = setup();
    await handle({ kind: 'copy', tokenId: 't1' });
    await handle({ kind: 'copy', tokenId: 't1', format: 'curl' });
    expect(calls).toEqual(['copy t1 default', 'copy t1 curl']);
    expect(notices).toEqual([]);
  });

  it('revoke, lock, open, unlock and quit call their port', async () => {
    const { handle, calls } = setup();
    await handle({ kind: 'revoke', tokenId: 't1' });
    await handle({ kind: 'lock' });
    await handle({ kind: 'open' });
    await handle({ kind: 'unlock' });
    await handle({ kind: 'quit' });
    expect(calls).toEqual(['revoke t1', 'lock', 'show', 'show', 'quit']);
  });

  it('"More…" opens the window on the token list', async () => {
    const { handle, calls, events } = setup();
    await handle({ kind: 'more' });
    expect(calls).toEqual(['show']);
    expect(events).toEqual([{ type: 'navigate', screen: 'tokens' }]);
  });

  it('Azion mint mints, copies the new token and says so', async () => {
    const { handle, calls, notices } = setup();
    await handle({ kind: 'mint', accountId: 'acc-azion', needsApproval: false });
    expect(calls).toEqual(['mint acc-azion {}', 'copy minted default']);
    expect(notices).toEqual([{ title: 'New token copied', body: 'A new azion-prod token is on the clipboard. It is cleared from the clipboard shortly.' }]);
  });

  it('Ocean mint never signs from the tray: it opens the window for the approval preview', async () => {
    const { handle, calls, events } = setup();
    await handle({ kind: 'mint', accountId: 'acc-ocean', needsApproval: true });
    expect(calls).toEqual(['show']);
    expect(events).toEqual([{ type: 'start-mint', accountId: 'acc-ocean' }]);
  });

  it('failures become a notification with the user-facing message', async () => {
    const { handle, notices } = setup({ copy: new AppError('LOCKED'), revoke: new AppError('NETWORK', 'Could not reach api.azionapi.net. Check your connection.'), mint: new AppError('BAD_CREDENTIALS') });
    await handle({ kind: 'copy', tokenId: 't1' });
    await handle({ kind: 'revoke', tokenId: 't1' });
    await handle({ kind: 'mint', accountId: 'a', needsApproval: false });
    expect(notices.map((n) => n.title)).toEqual(['Could not copy the token', 'Could not revoke the token', 'Could not mint a token']);
    expect(notices[0]?.body).toMatch(/^The vault is locked/);
    expect(notices[1]?.body).toBe('Could not reach api.azionapi.net. Check your connection.');
  });

  it('an unexpected error shows the generic text, never its own message', async () => {
    const secret = 'azion-token-value-0123456789abcdef';
    const { handle, notices } = setup({ copy: new Error(`boom ${secret}`), lock: new TypeError(secret) });
    await handle({ kind: 'copy', tokenId: 't1' });
    await handle({ kind: 'lock' });
    expect(notices).toHaveLength(2);
    for (const n of notices) {
      expect(n.body).toMatch(/^Something went wrong inside Token Vault/);
      expect(JSON.stringify(n)).not.toContain(secret);
    }
  });
});
