import { describe, expect, it } from 'vitest';
import { noKeyWrapper } from '../../../../main/core/vault/KeyWrapper.js';

describe('noKeyWrapper (systems and harnesses without a keychain)', () => {
  it('says there is no keychain, no backend and no protection', () => {
    expect(noKeyWrapper.available()).toBe(false);
    expect(noKeyWrapper.backend()).toBe('unknown');
    expect(noKeyWrapper.secure()).toBe(false);
    expect(noKeyWrapper.staleAfterUnwrap).toBeUndefined();
  });

  it('refuses to wrap or unwrap anything', async () => {
    await expect(noKeyWrapper.wrap(new Uint8Array(32))).rejects.toThrow('no keychain');
    await expect(noKeyWrapper.unwrap(new Uint8Array(32))).rejects.toThrow('no keychain');
  });
});
