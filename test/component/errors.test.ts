import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../preload/contract.js';
import { describeError, errorTitle } from '../../renderer/src/shared/errors.js';

describe('error texts', () => {
  it('every error code of the contract has its own headline', () => {
    const titles = ERROR_CODES.map((code) => errorTitle(code));
    expect(titles.every((t) => t.length > 0 && !t.startsWith('Error '))).toBe(true);
    expect(new Set(titles).size).toBe(ERROR_CODES.length);
  });

  it("keeps main's message as the detail", () => {
    const text = describeError({ code: 'BAD_CREDENTIALS', message: 'Azion refused the email or password.', retryable: false }, 0);
    expect(text).toEqual({ title: 'Credentials refused', detail: 'Azion refused the email or password.' });
  });

  it('adds the retry time to a rate limit', () => {
    const text = describeError({ code: 'RATE_LIMITED', message: 'Azion limits token requests.', retryable: true, retryAt: 125_000 }, 0);
    expect(text.detail).toBe('Azion limits token requests. (Try again in 2m 05s.)');
  });
});
