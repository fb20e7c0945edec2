import { describe, expect, it } from 'vitest';
import { requireUsable } from '../../../../main/core/tokens/requireUsable.js';
import { makeRuntime, storedToken, vaultWith } from './runtimeRig.js';

describe('requireUsable', () => {
  const at = (state: 'active' | 'revoked' | 'revoking' | 'revoke_failed', expiresIn: number) => {
    const rig = makeRuntime();
    const now = rig.runtime.now();
    const r = makeRuntime({ data: vaultWith([storedToken('t', state, now - 1000, { expiresAt: now + expiresIn })]), clock: rig.clock });
    return () => requireUsable(r.runtime, 't');
  };

  it('a revoked token, or one being revoked, is gone, saying to mint a new one', () => {
    for (const state of ['revoked', 'revoking'] as const) {
      expect(at(state, 60_000)).toThrow(expect.objectContaining({ code: 'ALREADY_GONE', message: 'This token was revoked. Mint a new one to get a working token.' }) as Error);
    }
  });

  it('expired once its expiry has passed, not at the instant itself', () => {
    expect(at('active', -1)).toThrow(expect.objectContaining({ code: 'TOKEN_EXPIRED', message: 'This token has expired. Mint a new one to get a working token.' }) as Error);
    expect(at('active', 0)().id).toBe('t');
    expect(at('revoke_failed', 1)().id).toBe('t');
  });
});
