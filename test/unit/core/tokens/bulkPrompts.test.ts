import { describe, expect, it } from 'vitest';
import type { TokenRecord } from '../../../../main/core/vault/vaultRecords.js';
import { azionAccount, HOUR, makeHarness } from './harness.js';

/** The exact questions main's dialog asks before the bulk actions: what the person reads before saying yes. */
const stored = (id: string, accountId: string, state: TokenRecord['state'], expiresAt: number): TokenRecord => ({
  id,
  accountId,
  kind: 'azion-personal',
  value: `value-of-${id}-0123456789`,
  createdAt: 1,
  expiresAt,
  state,
});

describe('clearHistory asks', () => {
  it('how many of that account go (one: no plural), counting revoked ones and expired ones not being revoked', async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'personal')] });
    const now = h.clock.now();
    const label = h.vault.read().accounts[0]!.label;
    await h.vault.update((d) => {
      d.tokens.push(stored('expired', 'a', 'active', now - 1), stored('revoking', 'a', 'revoking', now - 1), stored('at-expiry', 'a', 'active', now));
    });
    h.presence.answer = 'cancel';
    await expect(h.service.clearHistory('a')).rejects.toMatchObject({ code: 'NOT_CONFIRMED' });
    expect(h.presence.prompts.at(-1)).toMatchObject({
      title: 'Clear history?',
      message: `Remove 1 revoked and expired token of "${label}" from the list?`,
      detail: 'None of them can be used any more. The audit log keeps its record of every one.',
    });
    expect(h.presence.prompts.at(-1)!.choices).toContain('Clear history');
  });
});

describe('revokeAll asks', () => {
  it("about the live tokens of the account named (one: no plural), not another account's", async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'personal'), azionAccount('b', 'personal')] });
    const now = h.clock.now();
    const label = h.vault.read().accounts[0]!.label;
    await h.vault.update((d) => {
      d.tokens.push(stored('a-live', 'a', 'active', now + HOUR), stored('a-dead', 'a', 'revoked', now + HOUR), stored('b-live', 'b', 'active', now + HOUR));
    });
    h.presence.answer = 'cancel';
    await expect(h.service.revokeAll('a')).rejects.toMatchObject({ code: 'NOT_CONFIRMED' });
    expect(h.presence.prompts.at(-1)).toMatchObject({
      title: 'Revoke all tokens?',
      message: `Revoke all 1 live token of "${label}"?`,
      detail: 'Every script and service using them stops working at once. This cannot be undone.',
    });
    expect(h.presence.prompts.at(-1)!.choices).toContain('Revoke all');

    await expect(h.service.revokeAll(null)).rejects.toMatchObject({ code: 'NOT_CONFIRMED' });
    expect(h.presence.prompts.at(-1)!.message).toBe('Revoke all 2 live tokens of every account?');
  });
});
