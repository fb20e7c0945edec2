import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../main/core/errors.js';
import { defaultPasswordPolicy, MIN_MASTER_PASSWORD_LENGTH } from '../../../../main/core/vault/passwordPolicy.js';

const verdict = (pw: string): string => {
  try {
    defaultPasswordPolicy(pw);
    return 'accepted';
  } catch (e) {
    return e instanceof AppError ? `${e.code}: ${e.message}` : String(e);
  }
};

describe('defaultPasswordPolicy', () => {
  const weak = 'WEAK_PASSWORD: That master password is too easy to guess. Use at least 10 characters, such as several unrelated words.';

  it('needs at least 10 characters, counted as characters (not UTF-16 units) after NFC', () => {
    expect(MIN_MASTER_PASSWORD_LENGTH).toBe(10);
    expect(verdict('abcdefghi')).toBe(weak);
    expect(verdict('abcdefghij')).toBe('accepted');
    // 9 emoji are 18 UTF-16 units but 9 characters.
    expect(verdict('😀😁😂🤣😃😄😅😆😉')).toBe(weak);
    expect(verdict('😀😁😂🤣😃😄😅😆😉😊')).toBe('accepted');
    // 'e' + combining accent is one character once composed: 9 characters, not 10.
    expect(verdict('cafe\u0301abcde')).toBe(weak);
  });

  it('needs at least 4 different characters', () => {
    expect(verdict('abcabcabca')).toBe(weak);
    expect(verdict('abcdabcdab')).toBe('accepted');
  });
});
