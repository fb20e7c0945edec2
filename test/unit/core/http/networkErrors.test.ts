import { describe, expect, it } from 'vitest';
import { classifyConnectionFailure, proxyAuthRequired } from '../../../../main/core/http/networkErrors.js';

/** How undici rejects: a TypeError("fetch failed") whose cause carries the code. */
const undici = (cause: object): Error => new TypeError('fetch failed', { cause });
const chromium = (message: string): Error => new Error(message);

describe('classifyConnectionFailure: a certificate or proxy failure is never a plain network error', () => {
  it.each([
    'CERT_HAS_EXPIRED',
    'CERT_NOT_YET_VALID',
    'ERR_CERT_DATE_INVALID',
    'net::ERR_CERT_DATE_INVALID',
  ])('code %s: CERT_EXPIRED', (code) => {
    const e = classifyConnectionFailure(undici({ code }), 'api.example.com');
    expect(e?.code).toBe('CERT_EXPIRED');
    expect(e?.message).toBe(
      "The certificate of api.example.com has expired or is not valid yet, so Token Vault sent nothing. Check this computer's date and time; if they are right, the server's operator must renew the certificate.",
    );
  });

  it.each(['ERR_TLS_CERT_ALTNAME_INVALID', 'HOSTNAME_MISMATCH', 'ERR_CERT_COMMON_NAME_INVALID'])('code %s: CERT_WRONG_HOST', (code) => {
    const e = classifyConnectionFailure(undici({ code }), 'api.example.com');
    expect(e?.code).toBe('CERT_WRONG_HOST');
    expect(e?.message).toBe(
      "The certificate api.example.com presented belongs to another host name, so Token Vault sent nothing. Check the account's URL (use the exact host name the server's certificate is for).",
    );
  });

  it.each([
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'UNABLE_TO_GET_ISSUER_CERT',
    'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    'SELF_SIGNED_CERT_IN_CHAIN',
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    'CERT_UNTRUSTED',
    'CERT_SIGNATURE_FAILURE',
    'CERT_REVOKED',
    'ERR_CERT_AUTHORITY_INVALID',
  ])('code %s: CERT_UNTRUSTED', (code) => {
    const e = classifyConnectionFailure(undici({ code }), 'api.example.com');
    expect(e?.code).toBe('CERT_UNTRUSTED');
    expect(e?.message).toMatch(/^The certificate of api\.example\.com is not signed by an authority this computer trusts, so Token Vault sent nothing\. .*NODE_EXTRA_CA_CERTS/);
  });

  it.each([
    ['net::ERR_CERT_DATE_INVALID', 'CERT_EXPIRED'],
    ['net::ERR_CERT_COMMON_NAME_INVALID', 'CERT_WRONG_HOST'],
    ['net::ERR_CERT_AUTHORITY_INVALID', 'CERT_UNTRUSTED'],
    ['net::ERR_CERT_INVALID', 'CERT_UNTRUSTED'],
    ['net::ERR_CERT_REVOKED', 'CERT_UNTRUSTED'],
    ['net::ERR_CERT_WEAK_SIGNATURE_ALGORITHM', 'CERT_UNTRUSTED'],
    ['net::ERR_CERT_SYMANTEC_LEGACY', 'CERT_UNTRUSTED'],
    ['net::ERR_PROXY_AUTH_REQUESTED', 'PROXY_REFUSED'],
    ['net::ERR_PROXY_AUTH_UNSUPPORTED', 'PROXY_REFUSED'],
    ['net::ERR_TUNNEL_CONNECTION_FAILED', 'PROXY_REFUSED'],
    ['net::ERR_PROXY_CONNECTION_FAILED', 'PROXY_REFUSED'],
    ['net::ERR_PROXY_CERTIFICATE_INVALID', 'PROXY_REFUSED'],
    ['net::ERR_MANDATORY_PROXY_CONFIGURATION_FAILED', 'PROXY_REFUSED'],
  ])("Chromium's message %s: %s", (message, code) => {
    expect(classifyConnectionFailure(chromium(message), 'h.example')?.code).toBe(code);
  });

  it('a proxy that wants credentials: the 407 text, from undici or from Chromium', () => {
    const wanted = proxyAuthRequired();
    expect(wanted.code).toBe('PROXY_REFUSED');
    expect(wanted.retryable).toBe(false);
    expect(wanted.message).toMatch(/^The proxy asks for a user name and password \(HTTP 407\), so nothing was sent\. /);
    for (const e of [
      undici(new Error('Proxy response (407) !== 200 when HTTP Tunneling')),
      undici(new Error('Proxy Authentication Required (407)')),
      undici({ code: 'ERR_PROXY_AUTH_REQUESTED' }),
      undici({ code: 'ERR_PROXY_AUTH_UNSUPPORTED' }),
      chromium('net::ERR_PROXY_AUTH_REQUESTED'),
    ]) {
      const got = classifyConnectionFailure(e, 'h.example');
      expect(got?.message).toBe(wanted.message);
      expect(got?.retryable).toBe(false);
    }
  });

  it('a proxy that refuses: the status when it gave one, retryable, naming the host', () => {
    const e = classifyConnectionFailure(undici(new Error('Proxy response (403) !== 200 when HTTP Tunneling')), 'h.example');
    expect(e?.code).toBe('PROXY_REFUSED');
    expect(e?.retryable).toBe(true);
    expect(e?.message).toBe(
      'The proxy refused to connect Token Vault to h.example (HTTP 403), so nothing was sent. Check the proxy settings (the system\'s, or HTTPS_PROXY and NO_PROXY), or ask whoever runs the proxy to allow h.example.',
    );
    expect(classifyConnectionFailure(undici(new Error('Proxy Authentication Required (502)')), 'h.example')?.message).toMatch(/h\.example \(HTTP 502\), so/);
    expect(classifyConnectionFailure(chromium('net::ERR_TUNNEL_CONNECTION_FAILED'), 'h.example')?.message).toMatch(/^The proxy refused to connect Token Vault to h\.example, so nothing/);
  });

  it('reads the cause chain and AggregateError members, a few levels deep, and net:: prefixes on codes', () => {
    const deep = new Error('outer', { cause: new Error('middle', { cause: Object.assign(new Error('inner'), { code: 'CERT_HAS_EXPIRED' }) }) });
    expect(classifyConnectionFailure(deep, 'h')?.code).toBe('CERT_EXPIRED');
    const agg = undici(new AggregateError([new Error('ECONNREFUSED'), Object.assign(new Error('x'), { code: 'net::ERR_CERT_AUTHORITY_INVALID' })]));
    expect(classifyConnectionFailure(agg, 'h')?.code).toBe('CERT_UNTRUSTED');
    // Past twelve links the chain is no longer read (a cyclic cause cannot loop).
    let chain: Error = Object.assign(new Error('bottom'), { code: 'CERT_HAS_EXPIRED' });
    for (let i = 0; i < 12; i++) chain = new Error(`level ${i}`, { cause: chain });
    expect(classifyConnectionFailure(chain, 'h')).toBeUndefined();
    const cyclic: { message: string; cause?: unknown } = { message: 'loop' };
    cyclic.cause = cyclic;
    expect(classifyConnectionFailure(cyclic, 'h')).toBeUndefined();
  });

  it('anything else is left to the caller (a plain network error)', () => {
    expect(classifyConnectionFailure(undici({ code: 'ECONNREFUSED' }), 'h')).toBeUndefined();
    expect(classifyConnectionFailure(chromium('net::ERR_CONNECTION_REFUSED'), 'h')).toBeUndefined();
    expect(classifyConnectionFailure('a string', 'h')).toBeUndefined();
    expect(classifyConnectionFailure(null, 'h')).toBeUndefined();
    expect(classifyConnectionFailure({ code: 42, message: 7, errors: 'no' }, 'h')).toBeUndefined();
  });
});
