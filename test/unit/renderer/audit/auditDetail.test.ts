import { describe, expect, it } from 'vitest';
import { auditDetailText } from '../../../../renderer/src/audit/auditDetail.js';

describe('auditDetailText: the codes main stores, in words', () => {
  it.each([
    ['raw', 'as the token alone'],
    ['header', 'as a header line'],
    ['curl', 'as a curl command'],
    ['export', 'as a shell export'],
  ] as const)('a copy as %s', (format, text) => {
    expect(auditDetailText({ action: 'copy', detail: format })).toBe(text);
  });

  it('a mint or a renewal names the kind of token', () => {
    expect(auditDetailText({ action: 'mint', detail: 'azion-session' })).toBe('session token');
    expect(auditDetailText({ action: 'renew', detail: 'ocean-provider' })).toBe('provider token');
  });

  it('a sentence, or a code under another action, is shown as it is; nothing for no detail', () => {
    expect(auditDetailText({ action: 'renew', detail: 'old token kept: new one checked ok' })).toBe('old token kept: new one checked ok');
    expect(auditDetailText({ action: 'account', detail: 'header' })).toBe('header');
    expect(auditDetailText({ action: 'copy', detail: 'toString' })).toBe('toString');
    expect(auditDetailText({ action: 'mint', detail: 'constructor' })).toBe('constructor');
    expect(auditDetailText({ action: 'copy', detail: '' })).toBeUndefined();
    expect(auditDetailText({ action: 'copy' })).toBeUndefined();
  });
});
