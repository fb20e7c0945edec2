import { describe, expect, it } from 'vitest';
import { decodeJwtPayload, looksLikeJwt } from '../../../../../main/core/providers/ocean/jwtPayload.js';

const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const raw = (text: string): string => Buffer.from(text).toString('base64url');
const header = part({ alg: 'HS256', typ: 'JWT' });
const payload = part({ exp: 1767225600, address: '0xabc' });

describe('decodeJwtPayload', () => {
  it('reads the middle part of a three-part token as a JSON object, without checking the signature', () => {
    expect(decodeJwtPayload(`${header}.${payload}.sig`)).toEqual({ exp: 1767225600, address: '0xabc' });
    expect(decodeJwtPayload(`.${payload}.`)).toEqual({ exp: 1767225600, address: '0xabc' });
    expect(decodeJwtPayload(`x.${part({})}.y`)).toEqual({});
  });

  it.each([
    ['two parts', `${header}.${payload}`],
    ['two parts, payload first', `${payload}.sig`],
    ['four parts', `${header}.${payload}.sig.extra`],
    ['four parts, empty last', `${header}.${payload}.sig.`],
    ['one part', payload],
    ['an empty string', ''],
    ['an empty middle part', `${header}..sig`],
  ])('%s is not a JWT', (_name, token) => {
    expect(decodeJwtPayload(token)).toBeUndefined();
  });

  it.each([
    ['an array', part([1, 2])],
    ['an empty array', part([])],
    ['null', part(null)],
    ['a number', part(5)],
    ['zero', part(0)],
    ['a string', part('exp')],
    ['true', part(true)],
    ['false', part(false)],
  ])('a payload that is %s is undefined', (_name, middle) => {
    expect(decodeJwtPayload(`${header}.${middle}.sig`)).toBeUndefined();
  });

  it.each([
    ['not JSON', raw('{exp: 1')],
    ['plain text', raw('hello')],
    ['not base64url at all', '!!!'],
    ['bytes that are not UTF-8 JSON', Buffer.from([0xff, 0xfe, 0x00]).toString('base64url')],
  ])('a payload that is %s is undefined, never a thrown error', (_name, middle) => {
    expect(() => decodeJwtPayload(`${header}.${middle}.sig`)).not.toThrow();
    expect(decodeJwtPayload(`${header}.${middle}.sig`)).toBeUndefined();
  });
});

describe('looksLikeJwt', () => {
  it('is three non-empty base64url parts', () => {
    expect(looksLikeJwt(`${header}.${payload}.sig`)).toBe(true);
    expect(looksLikeJwt('a.b.c')).toBe(true);
    expect(looksLikeJwt('A_-.0_-.z9')).toBe(true);
  });

  it.each([
    ['two parts', 'a.b'],
    ['four parts', 'a.b.c.d'],
    ['an empty part', 'a..c'],
    ['a leading dot', '.a.b.c'],
    ['a trailing dot', 'a.b.c.'],
    ['junk before', '!a.b.c'],
    ['junk after', 'a.b.c!'],
    ['a space before', ' a.b.c'],
    ['a space after', 'a.b.c '],
    ['a line before', 'x\na.b.c'],
    ['a line after', 'a.b.c\nx'],
    ['base64 padding', 'a.b.c=='],
    ['standard base64 characters', 'a+b.c/d.e'],
    ['an empty string', ''],
  ])('%s is not a JWT', (_name, token) => {
    expect(looksLikeJwt(token)).toBe(false);
  });
});
