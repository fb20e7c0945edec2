import { describe, expect, it } from 'vitest';
import { providerRequest } from '../../../../main/core/providers/providerRequest.js';

describe('providerRequest', () => {
  it('joins the trimmed base and the path, asks for JSON, and carries no body or signal it was not given', () => {
    const req = providerRequest('GET', ' https://provider.example/ ', '/api/services/nonce?userAddress=0xab');
    expect(req).toStrictEqual({ method: 'GET', url: 'https://provider.example/api/services/nonce?userAddress=0xab', headers: { Accept: 'application/json' } });
    expect(Object.keys(req)).not.toContain('json');
    expect(Object.keys(req)).not.toContain('signal');
  });

  it('sends Accept first, then the given headers in their order, with the body and signal it was given', () => {
    const signal = new AbortController().signal;
    const req = providerRequest('POST', 'https://api.example', '/tokens', {
      accept: 'application/json; version=3',
      headers: { 'Content-Type': 'application/json', Authorization: 'Basic x' },
      json: { a: 1 },
      signal,
    });
    expect(Object.entries(req.headers ?? {})).toEqual([
      ['Accept', 'application/json; version=3'],
      ['Content-Type', 'application/json'],
      ['Authorization', 'Basic x'],
    ]);
    expect(req.json).toEqual({ a: 1 });
    expect(req.signal).toBe(signal);
  });

  it('keeps a falsy JSON body: only a missing one is left out', () => {
    expect(providerRequest('POST', 'https://x.example', '/', { json: 0 }).json).toBe(0);
  });
});
