import { describe, expect, it } from 'vitest';
import { dueWork, removeAt, renewAt, type ScheduleState } from '../../../../main/core/tokens/dueWork.js';
import type { AccountRecord, StoredTokenState, TokenRecord } from '../../../../main/core/vault/vaultRecords.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = Date.UTC(2026, 0, 1);

const SETTINGS = { alertLeadMinutes: 10, renewLeadMinutes: 5, expiredRetentionHours: 1 };

function account(id: string, autoRenew: boolean): AccountRecord {
  return {
    id,
    label: id,
    createdAt: T0,
    config: { kind: 'ocean', providerUrl: 'http://127.0.0.1:1', address: '0x0', flavour: 'auto' },
    secrets: { kind: 'ocean', privateKey: '' },
    autoRenew,
    revokeOnRenew: false,
    defaultCopyFormat: 'raw',
  };
}

/** A one-hour token of the auto-renew account `renew`, created at T0. */
function token(over: Partial<TokenRecord> & { id?: string; state?: StoredTokenState } = {}): TokenRecord {
  return { id: 't', accountId: 'renew', kind: 'ocean-provider', value: 'v', createdAt: T0, expiresAt: T0 + HOUR, state: 'active', ...over };
}

const ACCOUNTS = [account('renew', true), account('manual', false)];

function state(over: Partial<ScheduleState> = {}): ScheduleState {
  return { alerted: new Set(), renewing: new Set(), removing: new Set(), renewRetry: new Map(), ...over };
}

const work = (tokens: TokenRecord[], now: number, s: ScheduleState = state(), settings = SETTINGS): ReturnType<typeof dueWork> =>
  dueWork(tokens, ACCOUNTS, settings, s, now);

describe('renewAt: lead before expiry, never in the first half of life', () => {
  it('a short lead renews lead before expiry', () => {
    expect(renewAt(token(), 5 * MIN)).toBe(T0 + HOUR - 5 * MIN);
  });
  it('a lead at least the lifetime is floored at the middle of the life', () => {
    expect(renewAt(token(), HOUR)).toBe(T0 + HOUR / 2);
    expect(renewAt(token(), 10 * HOUR)).toBe(T0 + HOUR / 2);
  });
  it('the floor follows createdAt, not zero', () => {
    expect(renewAt(token({ createdAt: T0 + 20 * MIN }), HOUR)).toBe(T0 + 40 * MIN);
  });
});

describe('removeAt: retention after expiry or revocation, whichever is first', () => {
  it('a revoking token is never removed: its fate is not known yet', () => {
    expect(removeAt(token({ state: 'revoking' }), HOUR)).toBeNull();
  });
  it('an active or revoke_failed token leaves retention after it expired (now > expiresAt)', () => {
    expect(removeAt(token(), HOUR)).toBe(T0 + HOUR + 1 + HOUR);
    expect(removeAt(token({ state: 'revoke_failed' }), 0)).toBe(T0 + HOUR + 1);
  });
  it('a revoked token leaves retention after its revocation, when that came first', () => {
    expect(removeAt(token({ state: 'revoked', revokedAt: T0 + 10 * MIN }), HOUR)).toBe(T0 + 10 * MIN + HOUR);
  });
  it('a revoked token whose revocation came after expiry counts from the expiry', () => {
    expect(removeAt(token({ state: 'revoked', revokedAt: T0 + 2 * HOUR }), HOUR)).toBe(T0 + HOUR + 1 + HOUR);
  });
  it('a revoked token without revokedAt counts from the expiry', () => {
    expect(removeAt(token({ state: 'revoked' }), HOUR)).toBe(T0 + 2 * HOUR + 1);
  });
  it('revokedAt of a token that is not revoked is ignored', () => {
    expect(removeAt(token({ state: 'active', revokedAt: T0 }), 0)).toBe(T0 + HOUR + 1);
  });
});

describe('dueWork: alerts', () => {
  const alertAt = T0 + HOUR - 10 * MIN;
  const manual = (over: Partial<TokenRecord> = {}): TokenRecord => token({ accountId: 'manual', ...over });

  it('due exactly alertLead before expiry, and scheduled for then before', () => {
    expect(work([manual()], alertAt - 1)).toMatchObject({ alerts: [], nextAt: alertAt });
    expect(work([manual()], alertAt).alerts).toHaveLength(1);
  });
  it('still due at the expiry instant, not after it (a token that expired unseen gets none)', () => {
    expect(work([manual()], T0 + HOUR).alerts).toHaveLength(1);
    expect(work([manual()], T0 + HOUR + 1).alerts).toHaveLength(0);
  });
  it('a lead of 0 turns alerts off and schedules nothing for them', () => {
    const w = work([manual()], alertAt, state(), { ...SETTINGS, alertLeadMinutes: 0 });
    expect(w.alerts).toHaveLength(0);
    expect(w.nextAt).toBe(T0 + 2 * HOUR + 1);
  });
  it('revoke_failed tokens are alerted; revoking and revoked ones are not', () => {
    expect(work([manual({ state: 'revoke_failed' })], alertAt).alerts).toHaveLength(1);
    expect(work([manual({ state: 'revoking' })], alertAt).alerts).toHaveLength(0);
    expect(work([manual({ state: 'revoked', revokedAt: T0 })], alertAt).alerts).toHaveLength(0);
  });
  it('at most once: not when alertedAt is stored, raised this session, or the token was renewed', () => {
    expect(work([manual({ alertedAt: alertAt })], alertAt).alerts).toHaveLength(0);
    expect(work([manual()], alertAt, state({ alerted: new Set(['t']) })).alerts).toHaveLength(0);
    expect(work([manual({ renewedBy: 'u' })], alertAt).alerts).toHaveLength(0);
  });
  it('an already-alerted token does not pull nextAt to its alert time', () => {
    expect(work([manual({ alertedAt: alertAt })], alertAt - MIN).nextAt).toBe(T0 + 2 * HOUR + 1);
  });
});

describe('dueWork: renewals', () => {
  const due = T0 + HOUR - 5 * MIN;
  const noAlerts = { ...SETTINGS, alertLeadMinutes: 0 };

  it('an active token of an auto-renew account is due at renewAt, scheduled before', () => {
    expect(work([token()], due - 1, state(), noAlerts)).toMatchObject({ renewals: [], nextAt: due });
    expect(work([token()], due, state(), noAlerts).renewals.map((t) => t.id)).toEqual(['t']);
  });
  it('a token of an account without auto-renew is not renewed', () => {
    expect(work([token({ accountId: 'manual' })], due).renewals).toHaveLength(0);
    expect(work([token({ accountId: 'gone' })], due).renewals).toHaveLength(0);
  });
  it.each(['revoked', 'revoking', 'revoke_failed'] as const)('a %s token of an auto-renew account is not renewed', (s) => {
    const w = work([token({ state: s, revokedAt: T0 })], due, state(), noAlerts);
    expect(w.renewals).toHaveLength(0);
  });
  it('not when already renewed or being renewed', () => {
    expect(work([token({ renewedBy: 'u' })], due).renewals).toHaveLength(0);
    expect(work([token()], due, state({ renewing: new Set(['t']) })).renewals).toHaveLength(0);
  });
  it('the first half of life is never renewed, even with a lead longer than the lifetime', () => {
    const long = { ...noAlerts, renewLeadMinutes: 600 };
    expect(work([token()], T0 + 1, state(), long)).toMatchObject({ renewals: [], nextAt: T0 + HOUR / 2 });
    expect(work([token()], T0 + HOUR / 2 - 1, state(), long).renewals).toHaveLength(0);
    expect(work([token()], T0 + HOUR / 2, state(), long).renewals).toHaveLength(1);
  });
});

describe('dueWork: removals and nextAt', () => {
  const gone = T0 + 2 * HOUR + 1;

  it('due exactly retention after expiry', () => {
    expect(work([token({ accountId: 'manual' })], gone - 1).removals).toEqual([]);
    expect(work([token({ accountId: 'manual' })], gone).removals).toEqual(['t']);
  });
  it('a revoking token stays, however long past its expiry, and schedules nothing', () => {
    const w = work([token({ state: 'revoking' })], T0 + 100 * HOUR);
    expect(w.removals).toEqual([]);
    expect(w.nextAt).toBeNull();
  });
  it('not while its removal is in flight', () => {
    expect(work([token()], gone, state({ removing: new Set(['t']) })).removals).toEqual([]);
  });
  it('nextAt is the nearest future time whatever the order of tokens', () => {
    const a = token({ id: 'a', accountId: 'manual', expiresAt: T0 + 3 * HOUR });
    const b = token({ id: 'b', accountId: 'manual', expiresAt: T0 + 2 * HOUR });
    const c = token({ id: 'c', accountId: 'manual', expiresAt: T0 + 4 * HOUR });
    const expected = T0 + 2 * HOUR - 10 * MIN;
    expect(work([a, b, c], T0).nextAt).toBe(expected);
    expect(work([b, a, c], T0).nextAt).toBe(expected);
    expect(work([c, a, b], T0).nextAt).toBe(expected);
  });
});

describe('dueWork: renewing after a sleep (an auto-renew account left without a live token)', () => {
  const noAlerts = { ...SETTINGS, alertLeadMinutes: 0 };
  const older = token({ id: 'older', expiresAt: T0 + HOUR });
  const newer = token({ id: 'newer', expiresAt: T0 + 2 * HOUR });
  const later = T0 + 5 * HOUR;

  it('renews only the newest expired, unrenewed token, whatever the order', () => {
    expect(work([older, newer], later, state(), noAlerts).renewals.map((t) => t.id)).toEqual(['newer']);
    expect(work([newer, older], later, state(), noAlerts).renewals.map((t) => t.id)).toEqual(['newer']);
  });

  it('a revoked or renewed token is never the one picked, even when newer', () => {
    const revoked = token({ id: 'revoked', state: 'revoked', revokedAt: T0, expiresAt: T0 + 3 * HOUR });
    const renewed = token({ id: 'renewed', renewedBy: 'x', expiresAt: T0 + 3 * HOUR });
    expect(work([older, revoked, renewed], later, state(), noAlerts).renewals.map((t) => t.id)).toEqual(['older']);
  });

  it('an account that still has a live token renews no expired one', () => {
    const live = token({ id: 'live', createdAt: later - MIN, expiresAt: later + 10 * HOUR });
    expect(work([older, live], later, state(), noAlerts).renewals).toEqual([]);
  });

  it('a token at its expiry instant is no longer live: it is the one renewed', () => {
    expect(work([newer], T0 + 2 * HOUR, state(), noAlerts).renewals.map((t) => t.id)).toEqual(['newer']);
  });

  it('a token past its renew time at its expiry instant is not renewed while another live one covers the account', () => {
    const live = token({ id: 'live', createdAt: T0 + 2 * HOUR - MIN, expiresAt: T0 + 12 * HOUR });
    expect(work([newer, live], T0 + 2 * HOUR, state(), noAlerts).renewals).toEqual([]);
  });
});

describe('dueWork: retrying a failed revoke', () => {
  const failed = (failure: NonNullable<TokenRecord['failure']>): TokenRecord =>
    token({ accountId: 'manual', state: 'revoke_failed', failure, expiresAt: T0 + 10 * HOUR });

  it('a failure stored without an attempt count backs off as a first attempt (30 s)', () => {
    const t = failed({ code: 'NETWORK', message: 'm', at: T0 });
    expect(work([t], T0 + 30_000 - 1).revokeRetries).toEqual([]);
    expect(work([t], T0 + 30_000).revokeRetries).toEqual(['t']);
  });

  it('never later than just after the expiry (the retry then marks it revoked by expiry), and not before', () => {
    const t = token({ accountId: 'manual', state: 'revoke_failed', failure: { code: 'NETWORK', message: 'm', at: T0 + HOUR - 1000, attempts: 1 }, expiresAt: T0 + HOUR });
    expect(work([t], T0 + HOUR).revokeRetries).toEqual([]);
    expect(work([t], T0 + HOUR + 1).revokeRetries).toEqual(['t']);
  });
});
