import { describe, expect, it } from 'vitest';
import { signingStatement } from '../../../../main/core/tokens/signingStatement.js';

describe('signingStatement', () => {
  it('tells a Python Provider user that only the address and nonce are signed, and names the host', () => {
    expect(signingStatement({ flavour: 'provider', nonce: '7', providerUrl: 'https://provider.example:8030/api' })).toBe(
      'Only your address and the nonce are signed. The expiry and the server\'s address are not signed. ' +
        'The signature proves you control this address to any Ocean provider that sees it, ' +
        'not only provider.example:8030: whoever receives it can mint a token for your address wherever nonce 7 is still accepted. ' +
        'Approve only if you trust this server.',
    );
  });

  it('tells an Ocean Node user that the word "createAuthToken" is signed too, and speaks of nodes', () => {
    expect(signingStatement({ flavour: 'node', nonce: '42', providerUrl: 'https://node.example' })).toBe(
      'Only your address, the nonce and the word "createAuthToken" are signed. The expiry and the server\'s address are not signed. ' +
        'The signature proves you control this address to any Ocean node that sees it, ' +
        'not only node.example: whoever receives it can mint a token for your address wherever nonce 42 is still accepted. ' +
        'Approve only if you trust this server.',
    );
  });

  it('shows an address that is not a URL as it was given, never an empty or made-up host', () => {
    const text = signingStatement({ flavour: 'node', nonce: '1', providerUrl: 'not a url' });
    expect(text).toContain('not only not a url: whoever');
  });
});
