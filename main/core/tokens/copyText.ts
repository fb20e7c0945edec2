import { type AccountConfig, AZION_DEFAULTS, type CopyFormat, TOKEN_HEADER_NAMES, type TokenKind } from '../../../preload/contract.js';

const AZION_ACCEPT = 'Accept: application/json; version=3';

/** The header a provider expects the token in (providers/azion/azion.md, providers/ocean/ocean-provider.md). */
export function headerLine(kind: TokenKind, value: string): string {
  const name = TOKEN_HEADER_NAMES[kind];
  return kind.startsWith('azion') ? `${name}: Token ${value}` : `${name}: ${value}`;
}

export function envVarName(kind: TokenKind): string {
  return kind.startsWith('azion') ? 'AZION_TOKEN' : 'OCEAN_AUTH_TOKEN';
}

/** POSIX single quoting: safe for any value, including quotes, spaces and `$`. */
export function shellQuote(text: string): string {
  return "'" + text.replace(/'/g, "'\\''") + "'";
}

/** What a curl line needs besides the token: where the token was minted and for whom. */
export interface CurlContext {
  config: AccountConfig | undefined;
  /** The token's own non-secret facts (Ocean: providerUrl, address), which win over the account's. */
  meta?: Record<string, string> | undefined;
  /** Copy time (epoch ms): the Python Provider's nonce parameter. */
  now: number;
}

/**
 * The text main puts on the clipboard. curl lines call a read-only route of the server that minted
 * the token and that checks it before anything else, so pasting one shows at once whether it works:
 * - Azion: `GET {apiBase}/iam/personal_tokens` (200 with a list, or 401).
 * - Python Provider: `GET /api/services/download` with the AuthToken header and no signature, which
 *   the Provider validates first (provider_requests.py, check_auth_header); with the made-up asset
 *   `did:op:token-vault-check` a working token gets 400 `{"error":"Cannot resolve DID"}`, a dead one
 *   400 `errors.signature`. The nonce must be numeric and not below the stored one (auth tokens never
 *   advance it); copy time in ms is above any counter or timestamp nonce used before.
 * - Ocean Node (1.x to 3.x): `GET /api/services/computeStreamableLogs`, whose handler validates the
 *   Authorization token first; a dead token gets 401 "Invalid token", a working one gets past it to the
 *   made-up job (500 "Invalid C2D Environment" on most nodes). It starts and changes nothing.
 */
export function copyText(format: CopyFormat, token: { kind: TokenKind; value: string }, context: CurlContext): string {
  switch (format) {
    case 'raw':
      return token.value;
    case 'header':
      return headerLine(token.kind, token.value);
    case 'export':
      return `export ${envVarName(token.kind)}=${shellQuote(token.value)}`;
    case 'curl':
      return curlLine(token, context);
  }
}

function curlLine(token: { kind: TokenKind; value: string }, { config, meta, now }: CurlContext): string {
  const header = `-H ${shellQuote(headerLine(token.kind, token.value))}`;
  if (token.kind === 'azion-session' || token.kind === 'azion-personal') {
    const base = config?.kind === 'azion' ? config.apiBase : AZION_DEFAULTS.apiBase;
    return `curl -H ${shellQuote(AZION_ACCEPT)} ${header} ${shellQuote(`${trimSlash(base)}/iam/personal_tokens`)}`;
  }
  const base = trimSlash(meta?.['providerUrl'] ?? (config?.kind === 'ocean' ? config.providerUrl : ''));
  if (token.kind === 'ocean-node') {
    return `curl ${header} ${shellQuote(`${base}/api/services/computeStreamableLogs?jobId=token-vault-check`)}`;
  }
  const address = meta?.['address'] ?? (config?.kind === 'ocean' ? config.address : '');
  const query = new URLSearchParams({
    documentId: 'did:op:token-vault-check',
    serviceId: '0',
    transferTxId: '0x0',
    fileIndex: '0',
    consumerAddress: address,
    nonce: String(Math.floor(now)),
  });
  return `curl ${header} ${shellQuote(`${base}/api/services/download?${query.toString()}`)}`;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
