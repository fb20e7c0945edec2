import { describe, expect, it } from 'vitest';
import { copyText, shellQuote } from '../../../../main/core/tokens/copyText.js';
import { tokenPreview } from '../../../../main/core/tokens/tokenPreview.js';
import { azionAccount, oceanAccount } from './harness.js';

describe('copyText', () => {
  const NOW = Date.UTC(2026, 0, 1);
  const azion = { config: azionAccount('a', 'session').config, now: NOW };
  const node = { config: oceanAccount('o', 'node').config, now: NOW };
  const provider = { config: oceanAccount('p', 'provider').config, now: NOW };

  it('formats each provider\'s header, curl line and export line', () => {
    const t = { kind: 'azion-session' as const, value: 'abc123' };
    expect(copyText('raw', t, azion)).toBe('abc123');
    expect(copyText('header', t, azion)).toBe('Authorization: Token abc123');
    expect(copyText('curl', t, azion)).toBe(
      "curl -H 'Accept: application/json; version=3' -H 'Authorization: Token abc123' 'https://api.azionapi.net/iam/personal_tokens'",
    );
    expect(copyText('export', t, azion)).toBe("export AZION_TOKEN='abc123'");

    const p = { kind: 'ocean-provider' as const, value: 'eyJ.x.y' };
    expect(copyText('header', p, provider)).toBe('AuthToken: eyJ.x.y');
    // A route that checks the AuthToken header before anything else (see copyText's notes).
    expect(copyText('curl', p, provider)).toBe(
      `curl -H 'AuthToken: eyJ.x.y' 'https://provider.ocean.example/api/services/download?documentId=did%3Aop%3Atoken-vault-check&serviceId=0&transferTxId=0x0&fileIndex=0&consumerAddress=${provider.config.kind === 'ocean' ? provider.config.address : ''}&nonce=${NOW}'`,
    );
    expect(copyText('export', p, provider)).toBe("export OCEAN_AUTH_TOKEN='eyJ.x.y'");

    const n = { kind: 'ocean-node' as const, value: 'jwt' };
    expect(copyText('header', n, node)).toBe('Authorization: jwt');
    expect(copyText('curl', n, node)).toBe("curl -H 'Authorization: jwt' 'https://node.ocean.example/api/services/computeStreamableLogs?jobId=token-vault-check'");
  });

  it('an Ocean curl line targets where the token was minted, for the address it was minted for', () => {
    const meta = { providerUrl: 'https://old.ocean.example', address: '0x00000000000000000000000000000000000000aa' };
    expect(copyText('curl', { kind: 'ocean-node', value: 'jwt' }, { ...node, meta })).toContain("'https://old.ocean.example/api/services/computeStreamableLogs?");
    expect(copyText('curl', { kind: 'ocean-provider', value: 'jwt' }, { ...provider, meta })).toContain(`consumerAddress=${meta.address}&`);
  });

  it('shell-quotes values with quotes and metacharacters', () => {
    expect(shellQuote(`a'b $(x) "c"`)).toBe(`'a'\\''b $(x) "c"'`);
    expect(copyText('export', { kind: 'azion-personal', value: "it's" }, azion)).toBe(`export AZION_TOKEN='it'\\''s'`);
  });

  it('previews first and last 4, only the last 4 below 16 characters, nothing below 8', () => {
    expect(tokenPreview('abcdefghijklmnopqrstuvwxyz')).toBe('abcd…wxyz');
    expect(tokenPreview('abcdefghijklmno')).toBe('…lmno');
    expect(tokenPreview('abcdefg')).toBe('…');
  });
});
