import { describe, expect, it } from 'vitest';
import type { MintRequest } from '../../../../main/core/providers/types.js';
import { HOUR, makeHarness, MINUTE, oceanAccount } from './harness.js';

/**
 * Each mint takes time (network, signing). A renewal that asked for "the old token's span" got that
 * span minus the latency, every time: over a month of renewals the lifetime shrank to seconds and
 * the tokens came back expired (the 30-day soak's account stuck failing from about day 26).
 */
describe('auto-renew lifetime', () => {
  it('asks every renewal for the lifetime the chain began with, whatever each mint took', async () => {
    const h = makeHarness({ accounts: [oceanAccount('o', 'node', { autoRenew: true })] });
    const LATENCY = 5 * MINUTE;
    const asked: number[] = [];
    h.ocean.mint = async (req: MintRequest) => {
      asked.push(req.approved!.expiresAt - h.clock.now());
      h.clock.jump(LATENCY); // the server answers five minutes later
      const now = h.clock.now();
      return { kind: 'ocean-node', value: `node.${now}.jwt`, createdAt: now, expiresAt: req.approved!.expiresAt, meta: { flavour: 'node' } };
    };
    const preview = await h.service.previewMint('o', { expiresAt: h.clock.now() + 2 * HOUR });
    await h.service.mint('o', { previewId: preview.previewId });
    for (let minute = 0; minute < 12 * 60; minute++) {
      h.clock.advance(MINUTE);
      await h.settle();
    }
    expect(asked.length).toBeGreaterThanOrEqual(5);
    // Two hours every time, counted from the request: not 2 h less one latency per renewal so far.
    expect(new Set(asked)).toEqual(new Set([2 * HOUR]));
    const data = h.vault.read();
    expect(data.tokens.some((t) => t.state === 'active' && t.expiresAt > h.clock.now() && t.renewedBy === undefined)).toBe(true);
  });
});
