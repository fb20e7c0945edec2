import { describe, expect, it } from 'vitest';
import { decodeJwtPayload } from '../../../../../main/core/providers/ocean/jwtPayload.js';
import { floorDecimal, parseNonceBody } from '../../../../../main/core/providers/ocean/oceanNonce.js';

describe('nonce parsing', () => {
  it.each([
    ['1', 1n],
    ['2.0', 2n],
    ['1700000000000.5', 1700000000000n],
    ['0.5', 0n],
    ['1.5e3', 1500n],
    ['1E+3', 1000n],
    ['5e-1', 0n],
    ['123456789012345678901234567890', 123456789012345678901234567890n],
  ])('floor(%s) = %s', (text, expected) => {
    expect(floorDecimal(text)).toBe(expected);
  });

  it.each(['', 'abc', '-1', '1.2.3', '0x10'])('rejects %j', (text) => {
    expect(floorDecimal(text)).toBeUndefined();
  });

  it('reads the nonce as a JSON string or number, exactly beyond 2^53', () => {
    expect(parseNonceBody('{"nonce": "7"}')).toBe(7n);
    expect(parseNonceBody('{"nonce": 7}')).toBe(7n);
    expect(parseNonceBody('{"nonce": 9007199254740993}')).toBe(9007199254740993n);
    expect(parseNonceBody('{"nonce": 1.7e12}')).toBe(1700000000000n);
    expect(parseNonceBody('{"nonce": null}')).toBeUndefined();
    expect(parseNonceBody('<html>')).toBeUndefined();
  });
});

describe('decodeJwtPayload', () => {
  it('reads a payload without verifying, and refuses non-JWTs', () => {
    const part = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
    expect(decodeJwtPayload(`${part({ alg: 'HS256' })}.${part({ exp: 1767225600, address: '0xabc' })}.sig`)).toEqual({ exp: 1767225600, address: '0xabc' });
    expect(decodeJwtPayload('not-a-jwt')).toBeUndefined();
    expect(decodeJwtPayload(`a.${Buffer.from('[1]').toString('base64url')}.c`)).toBeUndefined();
  });
});
