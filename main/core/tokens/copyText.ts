import type { AccountConfig, CopyFormat, TokenKind } from '../../../preload/contract.js';

const AZION_ACCEPT = 'Accept: application/json; version=3';
const AZION_DEFAULT_API = 'https://api.azionapi.net';

/** The header a provider expects the token in (providers/azion/azion.md, providers/ocean/ocean-provider.md). */
export function headerLine(kind: TokenKind, value: string): string {
  switch (kind) {
    case 'azion-session':
    case 'azion-personal':
      return `Authorization: Token ${value}`;
    case 'ocean-provider':
      return `AuthToken: ${value}`;
    case 'ocean-node':
      return `Authorization: ${value}`;
  }
}

export function envVarName(kind: TokenKind): string {
  return kind.startsWith('azion') ? 'AZION_TOKEN' : 'OCEAN_AUTH_TOKEN';
}

/** POSIX single quoting: safe for any value, including quotes, spaces and `$`. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * The text main puts on the clipboard. curl lines target a read-only endpoint of the account's own
 * base URL, so pasting one shows at once whether the token works.
 */
export function copyText(format: CopyFormat, token: { kind: TokenKind; value: string }, config: AccountConfig | undefined): string {
  switch (format) {
    case 'raw':
      return token.value;
    case 'header':
      return headerLine(token.kind, token.value);
    case 'export':
      return `export ${envVarName(token.kind)}=${shellQuote(token.value)}`;
    case 'curl': {
      const header = `-H ${shellQuote(headerLine(token.kind, token.value))}`;
      if (token.kind.startsWith('azion')) {
        const base = config?.kind === 'azion' ? config.apiBase : AZION_DEFAULT_API;
        return `curl -H ${shellQuote(AZION_ACCEPT)} ${header} ${shellQuote(`${trimSlash(base)}/iam/personal_tokens`)}`;
      }
      const url = config?.kind === 'ocean' ? config.providerUrl : '';
      return `curl ${header} ${shellQuote(url)}`;
    }
  }
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
