import { describe, expect, it } from 'vitest';
import type { SigningPreview } from '../../../../main/core/providers/types.js';
import { PREVIEW_TTL_MS, SigningPreviews } from '../../../../main/core/tokens/SigningPreviews.js';
import { FakeClock } from '../../../support/FakeClock.js';

const preview: SigningPreview = {
  address: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
  nonce: '1',
  message: 'sign me',
  expiresAt: Date.UTC(2026, 10, 24),
  flavour: 'provider',
  providerUrl: 'https://provider.example',
};

describe('SigningPreviews', () => {
  it('keeps a preview for exactly its time to live, then drops it', () => {
    const clock = new FakeClock();
    const previews = new SigningPreviews(clock);
    previews.put('p1', 'acct', preview);
    clock.jump(PREVIEW_TTL_MS);
    expect(previews.get('p1', 'acct')).toBe(preview);
    clock.jump(1);
    expect(previews.get('p1', 'acct')).toBeUndefined();
  });

  it('gives a preview only to its own account', () => {
    const previews = new SigningPreviews(new FakeClock());
    previews.put('p1', 'acct', preview);
    expect(previews.get('p1', 'other')).toBeUndefined();
    expect(previews.get('p1', 'acct')).toBe(preview);
  });

  it('drops a preview when the clock is set back before it was made', () => {
    const clock = new FakeClock();
    const previews = new SigningPreviews(clock);
    previews.put('p1', 'acct', preview);
    clock.jump(-1);
    expect(previews.get('p1', 'acct')).toBeUndefined();
    clock.jump(1);
    expect(previews.get('p1', 'acct')).toBeUndefined();
  });
});
