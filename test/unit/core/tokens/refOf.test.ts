import { describe, expect, it } from 'vitest';
import { refOf } from '../../../../main/core/tokens/refOf.js';
import { storedToken } from './runtimeRig.js';

describe('refOf: what a provider gets of a stored token', () => {
  it('the kind, value and expiry; the server id and meta only when the token has them', () => {
    const bare = storedToken('t', 'active', 1);
    const ref = refOf(bare);
    expect(ref).toEqual({ kind: bare.kind, value: bare.value, expiresAt: bare.expiresAt });
    expect('serverId' in ref || 'meta' in ref).toBe(false);
    expect(refOf({ ...bare, serverId: 's-1', meta: { exp: '9' } })).toEqual({ kind: bare.kind, value: bare.value, expiresAt: bare.expiresAt, serverId: 's-1', meta: { exp: '9' } });
  });

  it("a copy of the meta, so a provider cannot change the record's", () => {
    const token = { ...storedToken('t', 'active', 1), meta: { exp: '9' } };
    const ref = refOf(token);
    ref.meta!['exp'] = '10';
    expect(token.meta).toEqual({ exp: '9' });
  });
});
