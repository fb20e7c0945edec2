import { describe, expect, it } from 'vitest';
import { displayState, type TokenState, type TokenView } from '../../../../preload/contract.js';
import { StateIndex } from '../../../../renderer/src/tokens/stateIndex.js';
import { prng } from '../../../support/prng.js';

const STATES: TokenState[] = ['active', 'expiring', 'expired', 'revoking', 'revoked', 'revoke_failed'];

describe('StateIndex', () => {
  it('counts what displayState says, token by token, and knows when the next state changes', () => {
    const rand = prng(16);
    const t0 = 1_700_000_000_000;
    const list: TokenView[] = Array.from({ length: 400 }, (_, i) => ({
      id: `t${i}`,
      accountId: 'a',
      accountLabel: 'A',
      provider: i % 3 === 0 ? 'ocean' : 'azion',
      kind: 'azion-session',
      createdAt: t0 - 1000,
      expiresAt: t0 + Math.floor(rand() * 3_600_000) - 600_000,
      preview: 'x…y',
      state: (['active', 'active', 'active', 'revoked', 'revoking', 'revoke_failed'] as const)[i % 6]!,
    }));
    const index = new StateIndex(list);
    const lead = 15 * 60_000;
    for (let now = t0; now < t0 + 3_600_000; now += 37_003) {
      for (const provider of ['all', 'azion', 'ocean'] as const) {
        const want = Object.fromEntries(STATES.map((s) => [s, 0])) as Record<TokenState, number>;
        for (const t of list) if (provider === 'all' || t.provider === provider) want[displayState(t, now, lead)]++;
        expect(index.counts(provider, now, lead)).toEqual(want);
      }
      const next = index.nextChange(now, lead);
      const states = (at: number) => list.map((t) => displayState(t, at, lead)).join();
      expect(next).toBeGreaterThan(now);
      if (Number.isFinite(next)) {
        expect(states(next - 1)).toBe(states(now)); // nothing changes before it
        expect(states(next)).not.toBe(states(now)); // something does at it
      }
    }
  });
});
