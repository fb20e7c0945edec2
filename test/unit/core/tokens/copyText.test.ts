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

describe('copyText: curl lines from what is known', () => {
  const NOW = Date.UTC(2026, 0, 1);
  const azionConfig = { kind: 'azion', authBase: 'https://auth.azion.example', apiBase: 'https://api.azion.example//', checkBase: 'https://sso.azion.example', mode: 'personal', email: 'a@example.com' } as const;
  const oceanConfig = { kind: 'ocean', providerUrl: 'https://p.ocean.example/', address: '0x00000000000000000000000000000000000000A1', flavour: 'provider' } as const;

  it("an Azion token (session or personal) calls its account's API base, every trailing slash trimmed; without the account, Azion's default", () => {
    for (const kind of ['azion-session', 'azion-personal'] as const) {
      expect(copyText('curl', { kind, value: 'v' }, { config: azionConfig, now: NOW })).toBe(
        "curl -H 'Accept: application/json; version=3' -H 'Authorization: Token v' 'https://api.azion.example/iam/personal_tokens'",
      );
      expect(copyText('curl', { kind, value: 'v' }, { config: undefined, now: NOW })).toContain("'https://api.azionapi.net/iam/personal_tokens'");
      // An account of another kind (it changed since) does not lend its URLs.
      expect(copyText('curl', { kind, value: 'v' }, { config: oceanConfig, now: NOW })).toContain("'https://api.azionapi.net/iam/personal_tokens'");
    }
  });

  it('an Ocean token without its account uses its own meta; with neither, no host and no address', () => {
    const meta = { providerUrl: 'https://own.ocean.example//', address: '0xabc' };
    expect(copyText('curl', { kind: 'ocean-provider', value: 'jwt' }, { config: undefined, meta, now: NOW })).toContain("'https://own.ocean.example/api/services/download?");
    expect(copyText('curl', { kind: 'ocean-provider', value: 'jwt' }, { config: undefined, meta, now: NOW })).toContain('consumerAddress=0xabc&');
    expect(copyText('curl', { kind: 'ocean-provider', value: 'jwt' }, { config: azionConfig, now: NOW })).toContain("'/api/services/download?");
    expect(copyText('curl', { kind: 'ocean-provider', value: 'jwt' }, { config: azionConfig, now: NOW })).toContain('consumerAddress=&');
    expect(copyText('curl', { kind: 'ocean-node', value: 'jwt' }, { config: undefined, now: NOW })).toBe("curl -H 'Authorization: jwt' '/api/services/computeStreamableLogs?jobId=token-vault-check'");
    expect(copyText('curl', { kind: 'ocean-provider', value: 'jwt' }, { config: oceanConfig, now: NOW })).toContain("'https://p.ocean.example/api/services/download?");
  });
});
