import { describe, expect, it } from 'vitest';
import { asErrorCode, listViews, toTokenView } from '../../../../main/core/tokens/tokenView.js';
import type { RenewalFailure, TokenRecord } from '../../../../main/core/vault/vaultRecords.js';
import { azionAccount } from './harness.js';
import { storedToken } from './runtimeRig.js';

const NOW = Date.UTC(2030, 0, 1);
const LEAD = 60_000;

function failing(): RenewalFailure {
  return { failingSince: NOW - 1000, attempts: 2, lastError: { code: 'NETWORK', message: 'The server could not be reached.' }, nextAttemptAt: NOW + 5000 };
}

/** Every order of the given items. */
function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

describe('toTokenView: a failing auto-renew', () => {
  it('shows the failing renewal as retryable on a token not yet replaced', () => {
    const view = toTokenView(storedToken('t', 'active', NOW - 10_000, { renewal: failing() }), 'Azion', NOW, LEAD);
    expect(view.renewal).toEqual({
      failingSince: NOW - 1000,
      attempts: 2,
      lastError: { code: 'NETWORK', message: 'The server could not be reached.', retryable: true },
      nextAttemptAt: NOW + 5000,
    });
  });

  it('shows no failing renewal on a token that a successor already replaced', () => {
    const view = toTokenView(storedToken('t', 'active', NOW - 10_000, { renewal: failing(), renewedBy: 'next' }), 'Azion', NOW, LEAD);
    expect('renewal' in view).toBe(false);
  });

  it('reports an unknown stored error code as INTERNAL', () => {
    expect(asErrorCode('NOT_A_CODE')).toBe('INTERNAL');
    const renewal = { ...failing(), lastError: { code: 'NOT_A_CODE', message: 'x' } };
    expect(toTokenView(storedToken('t', 'active', 0, { renewal }), 'Azion', NOW, LEAD).renewal?.lastError.code).toBe('INTERNAL');
  });
});

describe('listViews', () => {
  it("labels each token with its account's label, and a token of a removed account as such", () => {
    const tokens = [storedToken('t1', 'active', 1), storedToken('t2', 'active', 2, { accountId: 'gone' })];
    const views = listViews(tokens, [azionAccount('a', 'session')], NOW, LEAD);
    expect(views.map((v) => [v.id, v.accountLabel])).toEqual([
      ['t2', '(removed account)'],
      ['t1', 'Azion session a'],
    ]);
  });

  it('lists the newest token first, whatever order the vault holds them in', () => {
    const tokens: TokenRecord[] = [storedToken('x', 'active', 100), storedToken('y', 'active', 300), storedToken('z', 'active', 200)];
    for (const order of permutations(tokens)) {
      expect(listViews(order, [], NOW, LEAD).map((v) => v.createdAt)).toEqual([300, 200, 100]);
    }
  });

  it('lists tokens created at the same moment by id, ascending, whatever order the vault holds them in', () => {
    const tokens: TokenRecord[] = [storedToken('b', 'active', 5), storedToken('a', 'active', 5), storedToken('c', 'active', 5), storedToken('d', 'active', 9)];
    for (const order of permutations(tokens)) {
      expect(listViews(order, [], NOW, LEAD).map((v) => v.id)).toEqual(['d', 'a', 'b', 'c']);
    }
  });
});
