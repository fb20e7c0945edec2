import { describe, expect, it } from 'vitest';
import type { TokenState, TokenView } from '../../../preload/contract.js';
import { buildTrayModel, nextTrayRefreshAt, type TrayItem, type TrayModelInput } from '../../../main/tray/trayModel.js';
import { azion, HOUR, LEAD, MIN, NOW, ocean, rng, view } from './fixtures.js';

const base = (p: Partial<TrayModelInput> = {}): TrayModelInput => ({ views: [], accounts: [], now: NOW, locked: false, alertLeadMs: LEAD, ...p });

/** The menu as lines: "label", "-" for separators, "label >" then indented children for submenus. */
function outline(items: readonly TrayItem[], indent = ''): string[] {
  return items.flatMap((i) => {
    if (i.type === 'separator') return [`${indent}-`];
    if (i.type === 'submenu') return [`${indent}${i.label} >`, ...outline(i.items, indent + '  ')];
    return [`${indent}${i.label}${i.enabled === false ? ' (disabled)' : ''}`];
  });
}

const tokenEntries = (items: readonly TrayItem[]) =>
  items.filter((i): i is Extract<TrayItem, { type: 'action' }> => i.type === 'action' && i.id.startsWith('token:'));

function find(items: readonly TrayItem[], id: string): TrayItem | undefined {
  for (const i of items) {
    if (i.type !== 'separator' && i.id === id) return i;
    if (i.type === 'submenu') {
      const hit = find(i.items, id);
      if (hit) return hit;
    }
  }
  return undefined;
}

describe('buildTrayModel: locked', () => {
  it('offers only Unlock and Quit, whatever tokens were known', () => {
    const model = buildTrayModel(base({ locked: true, views: [view({ id: 't1' })], accounts: [azion('acc-azion', 'azion-prod')] }));
    expect(outline(model)).toEqual(['Unlock Token Vault…', '-', 'Quit Token Vault']);
    expect(model[0]).toMatchObject({ type: 'action', action: { kind: 'unlock' } });
    expect(model[2]).toMatchObject({ type: 'action', action: { kind: 'quit' } });
  });
});

describe('buildTrayModel: unlocked', () => {
  it('with nothing yet: a disabled placeholder, Lock, Open and Quit', () => {
    expect(outline(buildTrayModel(base()))).toEqual(['No live tokens (disabled)', '-', 'Lock now', 'Open Token Vault', '-', 'Quit Token Vault']);
  });

  it('shows the whole menu in its fixed order', () => {
    const model = buildTrayModel(
      base({
        views: [view({ id: 't1', expiresAt: NOW + 3 * HOUR + 13 * MIN })],
        accounts: [azion('acc-azion', 'azion-prod'), ocean('acc-ocean', 'ocean-main')],
      }),
    );
    expect(outline(model)).toEqual([
      'azion-prod — 3h 12m',
      '-',
      'Other formats and revoke >',
      '  azion-prod — 3h 12m >',
      '    Copy token only',
      '    Copy as curl command',
      '    Copy as shell export',
      '    -',
      '    Revoke now (no undo)',
      'Mint new token >',
      '  azion-prod',
      '  ocean-main…',
      'Lock now',
      'Open Token Vault',
      '-',
      'Quit Token Vault',
    ]);
  });

  it('the header format names the header each kind of token is copied in', () => {
    const accounts = [azion('acc-azion', 'azion-prod', { defaultCopyFormat: 'raw' }), ocean('acc-ocean', 'ocean-main', { defaultCopyFormat: 'raw' })];
    const views = [view({ id: 'a' }), view({ id: 'p', accountId: 'acc-ocean', accountLabel: 'ocean-main', provider: 'ocean', kind: 'ocean-provider' })];
    const model = buildTrayModel(base({ views, accounts }));
    expect(find(model, 'copy:a:header')).toMatchObject({ label: 'Copy as Authorization header' });
    expect(find(model, 'copy:p:header')).toMatchObject({ label: 'Copy as AuthToken header' });
  });

  it('labels show the time left at the end of the current minute, so they never overstate it', () => {
    // At 12:00:00 the menu stands until 12:01:00; a token due at 15:12:00 then has 3h 11m left.
    const due = NOW + 3 * HOUR + 12 * MIN;
    expect(tokenEntries(buildTrayModel(base({ views: [view({ id: 't', expiresAt: due })] })))[0]?.label).toBe('azion-prod — 3h 11m');
    // Half a minute later the menu still stands until 12:01:00: same label.
    expect(tokenEntries(buildTrayModel(base({ now: NOW + 30_000, views: [view({ id: 't', expiresAt: due })] })))[0]?.label).toBe('azion-prod — 3h 11m');
    expect(tokenEntries(buildTrayModel(base({ views: [view({ id: 't', expiresAt: NOW + 2 * 24 * HOUR + 4 * HOUR })] })))[0]?.label).toBe('azion-prod — 2d 3h');
    expect(tokenEntries(buildTrayModel(base({ views: [view({ id: 't', expiresAt: NOW + 30_000 })] })))[0]?.label).toBe('⚠ azion-prod — <1m');
  });

  it('clicking a token copies it with no format, so the service applies the account default', () => {
    const [entry] = tokenEntries(buildTrayModel(base({ views: [view({ id: 't1' })] })));
    expect(entry).toMatchObject({ id: 'token:t1', action: { kind: 'copy', tokenId: 't1' } });
    expect(entry?.type === 'action' && 'format' in entry.action).toBe(false);
  });

  it.each<[string, Partial<TokenView>, boolean]>([
    ['active', { state: 'active' }, true],
    ['expiring (inside the alert lead)', { state: 'active', expiresAt: NOW + 10 * MIN }, true],
    ['revoke failed, still valid', { state: 'revoke_failed' }, true],
    ['expired by time', { state: 'active', expiresAt: NOW - 1 }, false],
    ['revoke failed and expired', { state: 'revoke_failed', expiresAt: NOW - 1 }, false],
    ['revoking', { state: 'revoking' }, false],
    ['revoked', { state: 'revoked' }, false],
    ['stored as expired', { state: 'expired', expiresAt: NOW - HOUR }, false],
  ])('%s → shown: %s', (_name, p, shown) => {
    const model = buildTrayModel(base({ views: [view({ id: 't1', ...p })] }));
    expect(tokenEntries(model).length).toBe(shown ? 1 : 0);
    expect(find(model, 'token-menu:t1') !== undefined).toBe(shown);
  });

  it('a token is shown until the very millisecond it expires', () => {
    expect(tokenEntries(buildTrayModel(base({ views: [view({ id: 't', expiresAt: NOW })] })))).toHaveLength(1);
    expect(tokenEntries(buildTrayModel(base({ now: NOW + 1, views: [view({ id: 't', expiresAt: NOW })] })))).toHaveLength(0);
  });

  it('marks expiring and revoke-failed tokens, and offers to retry the revoke', () => {
    const model = buildTrayModel(
      base({
        views: [
          view({ id: 'soon', accountId: 'a', accountLabel: 'a', expiresAt: NOW + LEAD }),
          view({ id: 'later', accountId: 'b', accountLabel: 'b', expiresAt: NOW + LEAD + 2 * MIN }),
          view({ id: 'stuck', accountId: 'c', accountLabel: 'c', state: 'revoke_failed' }),
        ],
      }),
    );
    expect(tokenEntries(model).map((e) => e.label)).toEqual(['⚠ a — 14m', 'b — 16m', '⚠ c — 4h 59m (revoke failed)']);
    expect(find(model, 'revoke:stuck')).toMatchObject({ label: 'Retry revoke now', action: { kind: 'revoke', tokenId: 'stuck' } });
    expect(find(model, 'revoke:soon')).toMatchObject({ label: 'Revoke now (no undo)' }); // the tray revokes at once: it says so
  });

  it('orders by account label, then the longest-lived token first', () => {
    const model = buildTrayModel(
      base({
        views: [
          view({ id: 'z-old', accountId: 'z', accountLabel: 'zeta', expiresAt: NOW + 1 * HOUR }),
          view({ id: 'a-old', accountId: 'a', accountLabel: 'Alpha', expiresAt: NOW + 2 * HOUR }),
          view({ id: 'z-new', accountId: 'z', accountLabel: 'zeta', expiresAt: NOW + 20 * HOUR }),
          view({ id: 'b', accountId: 'b', accountLabel: 'beta', expiresAt: NOW + 30 * MIN }),
          view({ id: 'a-new', accountId: 'a', accountLabel: 'Alpha', expiresAt: NOW + 23 * HOUR }),
          view({ id: 'a-tie', accountId: 'a', accountLabel: 'Alpha', expiresAt: NOW + 23 * HOUR }),
        ],
      }),
    );
    expect(tokenEntries(model).map((e) => e.id)).toEqual(['token:a-new', 'token:a-tie', 'token:a-old', 'token:b', 'token:z-new', 'token:z-old']);
    // The per-token submenus follow the same order.
    const actions = find(model, 'token-actions');
    expect(actions?.type === 'submenu' && actions.items.map((i) => (i.type === 'separator' ? '-' : i.id))).toEqual(
      ['a-new', 'a-tie', 'a-old', 'b', 'z-new', 'z-old'].map((id) => `token-menu:${id}`),
    );
  });

  it('two accounts with the same label stay apart, ordered by id', () => {
    const model = buildTrayModel(
      base({
        views: [
          view({ id: 't2', accountId: 'acc-2', accountLabel: 'prod', expiresAt: NOW + 9 * HOUR }),
          view({ id: 't1', accountId: 'acc-1', accountLabel: 'prod', expiresAt: NOW + 1 * HOUR }),
          view({ id: 't3', accountId: 'acc-2', accountLabel: 'prod', expiresAt: NOW + 2 * HOUR }),
        ],
      }),
    );
    expect(tokenEntries(model).map((e) => e.id)).toEqual(['token:t1', 'token:t2', 'token:t3']);
  });

  it('the formats submenu leaves out the account default and lists the rest in contract order', () => {
    const views = [view({ id: 't1', accountId: 'x' })];
    const submenuOf = (model: TrayItem[]) => {
      const m = find(model, 'token-menu:t1');
      return m?.type === 'submenu' ? m.items.map((i) => (i.type === 'action' ? i.action : '-')) : [];
    };
    expect(submenuOf(buildTrayModel(base({ views, accounts: [azion('x', 'x', { defaultCopyFormat: 'curl' })] })))).toEqual([
      { kind: 'copy', tokenId: 't1', format: 'raw' },
      { kind: 'copy', tokenId: 't1', format: 'header' },
      { kind: 'copy', tokenId: 't1', format: 'export' },
      '-',
      { kind: 'revoke', tokenId: 't1' },
    ]);
    // Accounts not known yet (events can arrive in any order): every format is offered.
    expect(submenuOf(buildTrayModel(base({ views })))).toHaveLength(6);
  });

  it('mint entries: sorted by label, Azion mints directly, Ocean asks for the window', () => {
    const model = buildTrayModel(base({ accounts: [ocean('o', 'ocean-main'), azion('z', 'zz-azion'), azion('a', 'Azion-dev')] }));
    const mint = find(model, 'mint-menu');
    expect(mint?.type === 'submenu' && mint.items).toEqual([
      { type: 'action', id: 'mint:a', label: 'Azion-dev', action: { kind: 'mint', accountId: 'a', needsApproval: false } },
      { type: 'action', id: 'mint:o', label: 'ocean-main…', action: { kind: 'mint', accountId: 'o', needsApproval: true } },
      { type: 'action', id: 'mint:z', label: 'zz-azion', action: { kind: 'mint', accountId: 'z', needsApproval: false } },
    ]);
    expect(find(buildTrayModel(base()), 'mint-menu')).toBeUndefined();
  });

  it('shortens long labels with an ellipsis, counting characters, not UTF-16 units', () => {
    const long = '🔑'.repeat(40);
    const [entry] = tokenEntries(buildTrayModel(base({ views: [view({ id: 't', accountLabel: long })] })));
    expect(entry?.label).toBe(`${'🔑'.repeat(31)}… — 4h 59m`);
  });
});

describe('buildTrayModel: long lists', () => {
  const many = (account: string, n: number): TokenView[] =>
    Array.from({ length: n }, (_, i) => view({ id: `${account}-${String(i).padStart(2, '0')}`, accountId: account, accountLabel: account, expiresAt: NOW + (i + 1) * HOUR }));

  it('caps at 15 by default and adds "More…" with the count left out', () => {
    const model = buildTrayModel(base({ views: many('solo', 20) }));
    expect(tokenEntries(model)).toHaveLength(15);
    // The freshest 15 of the account.
    expect(tokenEntries(model)[0]?.id).toBe('token:solo-19');
    expect(tokenEntries(model)[14]?.id).toBe('token:solo-05');
    expect(find(model, 'more')).toMatchObject({ label: 'More… (5 more)', action: { kind: 'more' } });
    const actions = find(model, 'token-actions');
    expect(actions?.type === 'submenu' && actions.items).toHaveLength(15);
  });

  it('exactly at the cap there is no "More…"', () => {
    const model = buildTrayModel(base({ views: many('solo', 15) }));
    expect(tokenEntries(model)).toHaveLength(15);
    expect(find(model, 'more')).toBeUndefined();
  });

  it('picks round-robin across accounts, so one busy account cannot hide the others', () => {
    const model = buildTrayModel(base({ views: [...many('busy', 30), ...many('calm', 2), ...many('mid', 6)], maxTokens: 10 }));
    const ids = tokenEntries(model).map((e) => e.id.replace('token:', ''));
    expect(ids).toEqual(['busy-29', 'busy-28', 'busy-27', 'busy-26', 'calm-01', 'calm-00', 'mid-05', 'mid-04', 'mid-03', 'mid-02']);
    expect(find(model, 'more')).toMatchObject({ label: 'More… (28 more)' });
  });

  it('with more accounts than room, each shown account gets its freshest token', () => {
    const views = ['d', 'c', 'b', 'a'].flatMap((a) => many(a, 3));
    const ids = tokenEntries(buildTrayModel(base({ views, maxTokens: 3 }))).map((e) => e.id);
    expect(ids).toEqual(['token:a-02', 'token:b-02', 'token:c-02']);
  });

  it('a cap below one still shows one token', () => {
    expect(tokenEntries(buildTrayModel(base({ views: many('x', 3), maxTokens: 0 })))).toHaveLength(1);
  });

  it('expired and revoked tokens neither take room nor count as "more"', () => {
    const dead = many('dead', 10).map((v) => ({ ...v, state: 'revoked' as TokenState }));
    const model = buildTrayModel(base({ views: [...dead, ...many('live', 3)], maxTokens: 3 }));
    expect(tokenEntries(model)).toHaveLength(3);
    expect(find(model, 'more')).toBeUndefined();
  });
});

describe('buildTrayModel: shape holds for any input', () => {
  const states: TokenState[] = ['active', 'expiring', 'expired', 'revoking', 'revoked', 'revoke_failed'];
  const accounts = [azion('a1', 'azion-prod'), azion('a2', 'azion-dev', { defaultCopyFormat: 'export' }), ocean('o1', 'ocean')];

  function randomInput(seed: number): TrayModelInput {
    const r = rng(seed);
    const views = Array.from({ length: Math.floor(r() * 40) }, (_, i) => {
      const acc = accounts[Math.floor(r() * accounts.length)]!;
      return view({
        id: `t${i}`,
        accountId: acc.id,
        accountLabel: acc.label,
        state: states[Math.floor(r() * states.length)]!,
        expiresAt: NOW + Math.floor((r() - 0.2) * 30 * HOUR),
      });
    });
    return base({ views, accounts: accounts.slice(0, Math.floor(r() * 4)), now: NOW + Math.floor(r() * HOUR), maxTokens: 1 + Math.floor(r() * 20), locked: r() < 0.1 });
  }

  const ids = (items: readonly TrayItem[]): string[] => items.flatMap((i) => (i.type === 'separator' ? [] : [i.id, ...(i.type === 'submenu' ? ids(i.items) : [])]));

  it.each(Array.from({ length: 200 }, (_, i) => i + 1))('seed %d', (seed) => {
    const input = randomInput(seed);
    const model = buildTrayModel(input);
    const all = ids(model);
    expect(new Set(all).size).toBe(all.length);
    const check = (items: readonly TrayItem[]): void => {
      expect(items.length).toBeGreaterThan(0);
      expect(items[0]?.type).not.toBe('separator');
      expect(items.at(-1)?.type).not.toBe('separator');
      items.forEach((item, i) => {
        if (item.type === 'separator') expect(items[i + 1]?.type).not.toBe('separator');
        if (item.type === 'submenu') check(item.items);
      });
    };
    check(model);
    expect(model.at(-1)).toMatchObject({ id: 'quit' });
    // Independent of displayState: everything not revoked/revoking that has not run out (a stored 'expired'
    // or 'expiring' is re-derived from the clock).
    const live = input.views.filter((v) => v.state !== 'revoked' && v.state !== 'revoking' && v.expiresAt >= input.now);
    if (!input.locked) {
      expect(tokenEntries(model)).toHaveLength(Math.min(live.length, input.maxTokens ?? 15));
      expect(find(model, 'more') !== undefined).toBe(live.length > (input.maxTokens ?? 15));
    }
  });
});

describe('nextTrayRefreshAt', () => {
  it('nothing to refresh while locked or without live tokens', () => {
    expect(nextTrayRefreshAt(base({ locked: true, views: [view({ id: 't' })] }))).toBeNull();
    expect(nextTrayRefreshAt(base({ views: [view({ id: 't', state: 'revoked' })] }))).toBeNull();
    expect(nextTrayRefreshAt(base())).toBeNull();
  });

  it('the next wall-clock minute, or sooner when a token turns expiring or expires', () => {
    expect(nextTrayRefreshAt(base({ now: NOW + 12_345, views: [view({ id: 't' })] }))).toBe(NOW + MIN);
    expect(nextTrayRefreshAt(base({ now: NOW, views: [view({ id: 't' })] }))).toBe(NOW + MIN);
    expect(nextTrayRefreshAt(base({ views: [view({ id: 't', expiresAt: NOW + LEAD + 20_000 })] }))).toBe(NOW + 20_000);
    expect(nextTrayRefreshAt(base({ views: [view({ id: 't', expiresAt: NOW + 7_000 })] }))).toBe(NOW + 7_001);
  });

  it('the menu stays exactly the same until the refresh time (random inputs)', () => {
    for (let seed = 1; seed <= 150; seed++) {
      const r = rng(seed);
      const views = Array.from({ length: 1 + Math.floor(r() * 6) }, (_, i) =>
        view({ id: `t${i}`, accountId: `a${i % 3}`, accountLabel: `acc${i % 3}`, state: r() < 0.2 ? 'revoke_failed' : 'active', expiresAt: NOW + Math.floor(r() * 3 * HOUR) }),
      );
      const input = base({ views, now: NOW + Math.floor(r() * 10 * MIN), alertLeadMs: Math.floor(r() * 30 * MIN) });
      const next = nextTrayRefreshAt(input);
      const at = (t: number) => JSON.stringify(buildTrayModel({ ...input, now: t }));
      const first = at(input.now);
      if (next === null) {
        expect(at(input.now + 24 * HOUR)).toBe(first);
        continue;
      }
      expect(next).toBeGreaterThan(input.now);
      for (const t of [input.now + 1, Math.floor((input.now + next) / 2), next - 1]) {
        if (t >= input.now && t < next) expect(at(t)).toBe(first);
      }
    }
  });

  it('keeps the rebuild rate sane: at most one a minute plus two per token over a day', () => {
    const views = Array.from({ length: 15 }, (_, i) => view({ id: `t${i}`, accountId: `a${i}`, accountLabel: `a${i}`, expiresAt: NOW + 37_123 * (i + 1) * 17 }));
    let now = NOW + 1234;
    let rebuilds = 0;
    for (;;) {
      const next = nextTrayRefreshAt(base({ views, now }));
      if (next === null) break;
      now = next;
      rebuilds++;
    }
    const minutes = Math.ceil((now - NOW) / MIN);
    expect(rebuilds).toBeLessThanOrEqual(minutes + 2 * views.length);
    expect(rebuilds).toBeGreaterThan(0);
  });
});
