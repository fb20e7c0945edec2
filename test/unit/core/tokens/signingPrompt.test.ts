import { describe, expect, it } from 'vitest';
import type { SigningPreview } from '../../../../main/core/providers/types.js';
import { signingPrompt } from '../../../../main/core/tokens/signingPrompt.js';
import { signingStatement } from '../../../../main/core/tokens/signingStatement.js';
import { oceanAccount } from './harness.js';

const preview: SigningPreview = {
  address: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
  nonce: '17',
  message: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb9226617',
  expiresAt: Date.UTC(2026, 10, 24, 12, 30),
  flavour: 'provider',
  providerUrl: 'https://provider.example',
};

describe('signingPrompt', () => {
  it('shows the person the server, the account, the signer, the nonce, the message, the expiry and what the signature proves', () => {
    const prompt = signingPrompt(oceanAccount('a1', 'provider', { label: 'My provider' }), preview);
    expect(prompt).toEqual({
      title: 'Approve signature',
      message: 'Sign in to Ocean provider https://provider.example as "My provider"?',
      detail: [
        'Signer address: 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
        'Nonce: 17',
        'Message signed: 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb9226617',
        'Token expires (requested, not signed): 2026-11-24T12:30:00.000Z',
        '',
        signingStatement(preview),
      ].join('\n'),
    });
  });

  it('names an Ocean Node as a node, not a provider', () => {
    const node = { ...preview, flavour: 'node' as const, providerUrl: 'https://node.example' };
    const prompt = signingPrompt(oceanAccount('a2', 'node', { label: 'Node acct' }), node);
    expect(prompt.message).toBe('Sign in to Ocean Node https://node.example as "Node acct"?');
    expect(prompt.detail.split('\n')).toEqual([
      'Signer address: 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
      'Nonce: 17',
      'Message signed: 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb9226617',
      'Token expires (requested, not signed): 2026-11-24T12:30:00.000Z',
      '',
      signingStatement(node),
    ]);
  });
});
