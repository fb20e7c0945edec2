import { AppError } from '../errors.js';

/**
 * What a failed connection tells about itself, read from the error fetch rejected with: Node's
 * undici puts the TLS or proxy failure in `cause` (OpenSSL verify codes such as CERT_HAS_EXPIRED,
 * ERR_TLS_CERT_ALTNAME_INVALID; "Proxy response (407)"), Electron's Chromium stack in the message
 * (net::ERR_CERT_DATE_INVALID, net::ERR_PROXY_AUTH_REQUESTED). A certificate or proxy failure is
 * never a plain "network error": the user can act on it. Texts name the host only.
 */
export function classifyConnectionFailure(e: unknown, host: string): AppError | undefined {
  const { codes, messages } = unwrap(e);
  const has = (...names: string[]): boolean => names.some((n) => codes.has(n));
  const says = (re: RegExp): boolean => messages.some((m) => re.test(m));

  if (has('CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'ERR_CERT_DATE_INVALID') || says(/net::ERR_CERT_DATE_INVALID/)) {
    return new AppError(
      'CERT_EXPIRED',
      `The certificate of ${host} has expired or is not valid yet, so Token Vault sent nothing. Check this computer's date and time; if they are right, the server's operator must renew the certificate.`,
    );
  }
  if (has('ERR_TLS_CERT_ALTNAME_INVALID', 'HOSTNAME_MISMATCH', 'ERR_CERT_COMMON_NAME_INVALID') || says(/net::ERR_CERT_COMMON_NAME_INVALID/)) {
    return new AppError(
      'CERT_WRONG_HOST',
      `The certificate ${host} presented belongs to another host name, so Token Vault sent nothing. Check the account's URL (use the exact host name the server's certificate is for).`,
    );
  }
  if (
    has(
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      'UNABLE_TO_GET_ISSUER_CERT',
      'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
      'SELF_SIGNED_CERT_IN_CHAIN',
      'DEPTH_ZERO_SELF_SIGNED_CERT',
      'CERT_UNTRUSTED',
      'CERT_SIGNATURE_FAILURE',
      'CERT_REVOKED',
      'ERR_CERT_AUTHORITY_INVALID',
    ) ||
    says(/net::ERR_CERT_(AUTHORITY_INVALID|INVALID|REVOKED|WEAK_SIGNATURE_ALGORITHM|SYMANTEC_LEGACY)/)
  ) {
    return new AppError(
      'CERT_UNTRUSTED',
      `The certificate of ${host} is not signed by an authority this computer trusts, so Token Vault sent nothing. Check the account's URL; on a network that inspects TLS, install its root certificate in the OS (or point NODE_EXTRA_CA_CERTS at it when running under Node).`,
    );
  }
  const proxyStatus = messages.map((m) => /Proxy (?:response \((\d{3})\)|Authentication Required \((\d{3})\))/.exec(m)).find(Boolean);
  const proxyAuth = has('ERR_PROXY_AUTH_REQUESTED', 'ERR_PROXY_AUTH_UNSUPPORTED') || says(/net::ERR_PROXY_AUTH/) || proxyStatus?.[1] === '407' || proxyStatus?.[2] === '407';
  if (proxyAuth) return proxyAuthRequired();
  if (proxyStatus || says(/net::ERR_(TUNNEL_CONNECTION_FAILED|PROXY_CONNECTION_FAILED|PROXY_CERTIFICATE_INVALID|MANDATORY_PROXY_CONFIGURATION_FAILED)/)) {
    const status = proxyStatus?.[1] ?? proxyStatus?.[2];
    return new AppError(
      'PROXY_REFUSED',
      `The proxy refused to connect Token Vault to ${host}${status ? ` (HTTP ${status})` : ''}, so nothing was sent. Check the proxy settings (the system's, or HTTPS_PROXY and NO_PROXY), or ask whoever runs the proxy to allow ${host}.`,
      { retryable: true },
    );
  }
  return undefined;
}

/** A proxy that wants credentials (HTTP 407 on CONNECT, or on a plain request). */
export function proxyAuthRequired(): AppError {
  return new AppError(
    'PROXY_REFUSED',
    'The proxy asks for a user name and password (HTTP 407), so nothing was sent. Put them in the proxy setting (HTTPS_PROXY=http://user:password@proxy:port, or the system proxy settings), then try again.',
  );
}

/** Codes and messages along the `cause` chain (and an AggregateError's errors), a few levels deep. */
function unwrap(e: unknown): { codes: Set<string>; messages: string[] } {
  const codes = new Set<string>();
  const messages: string[] = [];
  const queue: unknown[] = [e];
  for (let i = 0; i < queue.length && i < 12; i++) {
    const cur = queue[i];
    if (typeof cur !== 'object' || cur === null) continue;
    const rec = cur as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
    if (typeof rec.code === 'string') codes.add(rec.code.replace(/^net::/, ''));
    if (typeof rec.message === 'string') messages.push(rec.message);
    if (rec.cause !== undefined) queue.push(rec.cause);
    if (Array.isArray(rec.errors)) queue.push(...(rec.errors as unknown[]));
  }
  return { codes, messages };
}
