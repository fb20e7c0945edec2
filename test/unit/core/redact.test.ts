import { describe, expect, it } from 'vitest';
import { Redactor } from '../../../main/core/redact.js';

describe('Redactor', () => {
  it('hides every occurrence of every secret in each encoding, overlapping ones together', () => {
    const r = new Redactor();
    r.add('abcd1234');
    r.add('xxab');
    r.add('s3cr3t-value');
    r.add('abc'); // too short to register
    const b64 = Buffer.from('s3cr3t-value').toString('base64');
    expect(r.redact('a xxabcd1234 b abcd1234abcd1234 c')).toBe('a [redacted] b [redacted] c');
    expect(r.redact(`v=${b64}&h=${Buffer.from('s3cr3t-value').toString('hex')} ${encodeURIComponent('s3cr3t-value')}`)).toBe('v=[redacted]&h=[redacted] [redacted]');
    expect(r.redact('abc and nothing else')).toBe('abc and nothing else');
    expect(r.redact('')).toBe('');
    r.clear();
    expect(r.redact('abcd1234')).toBe('abcd1234');
  });

  it('finds one secret among tens of thousands', () => {
    const r = new Redactor();
    for (let i = 0; i < 20_000; i++) r.add(`token-${i}-${'x'.repeat(40)}`);
    r.add('token-7-' + 'x'.repeat(40));
    expect(r.redact('copied token-19999-' + 'x'.repeat(40) + ' ok')).toBe('copied [redacted] ok');
  });

  it('still finds every secret, in every form, once thousands are registered (and some twice)', () => {
    const r = new Redactor();
    const secrets = Array.from({ length: 2000 }, (_, i) => (i % 2 ? `eyJhbGciOiJIUzI1NiJ9.${i}.${'q'.repeat(i % 50)}` : `pw-${i}-${'k'.repeat(i % 30)}`));
    for (const s of secrets) r.add(s);
    for (const s of secrets.slice(0, 500)) r.add(s);
    for (const [i, s] of secrets.entries()) {
      const b = Buffer.from(s, 'utf8');
      const form = [s, b.toString('base64'), b.toString('base64url'), b.toString('hex'), encodeURIComponent(s)][i % 5]!;
      expect(r.redact(`<${form}>`)).toBe('<[redacted]>');
    }
    expect(r.redact('<pw-3001->')).toBe('<pw-3001->');
  });

  it('hides each encoding of long secrets, whose forms are built only when a line needs them', () => {
    const secrets = ['eyJ' + 'a1b2c3d4e5'.repeat(30), 'pässwörd-with-ümlauts-and-more-😀-text', 'x'.repeat(11) + '😀' + 'y'.repeat(20), 'z'.repeat(11) + '\ud800' + 'w'.repeat(20)];
    const r = new Redactor();
    for (const s of secrets) r.add(s);
    for (const s of secrets) {
      const b = Buffer.from(s, 'utf8');
      let uri = s;
      try {
        uri = encodeURIComponent(s);
      } catch {
        // a lone surrogate has no URL encoding
      }
      for (const form of [s, b.toString('base64'), b.toString('base64url'), b.toString('hex'), uri]) {
        expect(r.redact(`a ${form} b`)).toBe('a [redacted] b');
      }
    }
    expect(r.redact('a ' + 'x'.repeat(11) + '😀' + 'y'.repeat(19) + ' b')).not.toContain('[redacted]');
  });
});
