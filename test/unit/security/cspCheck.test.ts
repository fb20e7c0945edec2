import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../main/window/security.js';
import { checkHtml, checkSamePolicy, cspWeaknesses, findMetaCsp } from '../../../tools/security/cspCheck.js';
import { fixture, real } from './fixture.js';

describe('CSP check', () => {
  it('passes the real page and the policy main serves', () => {
    expect(checkHtml(real('renderer/index.html'))).toEqual([]);
    expect(cspWeaknesses(CONTENT_SECURITY_POLICY)).toEqual([]);
    expect(checkSamePolicy(CONTENT_SECURITY_POLICY, real('renderer/index.html'), 'main/window/security.ts')).toEqual([]);
  });

  it('fails a page with a loose policy, a remote script, inline script and an inline handler', () => {
    const messages = checkHtml(fixture('index.weak-csp.html.txt', 'renderer/index.html')).map((p) => p.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        'base-uri is missing',
        'form-action is missing',
        expect.stringContaining('script-src allows more than our own files'),
        "script-src allows 'unsafe-inline'",
        "style-src allows 'unsafe-inline'",
        'script-src allows a remote or wildcard source: https://cdn.example.com',
        "object-src must be 'none' (directly or through default-src)",
        expect.stringContaining('remote or javascript: resource https://cdn.example.com/analytics.js'),
        'inline <script>: ship scripts as files',
        'inline event handler onload=',
      ]),
    );
  });

  it('fails a page without any CSP', () => {
    expect(checkHtml({ file: 'renderer/index.html', text: '<html><head><title>x</title></head></html>' })).toEqual([
      expect.objectContaining({ message: 'no Content-Security-Policy meta tag' }),
    ]);
  });

  it('fails each weakening of the real policy', () => {
    const weakenings: Array<[string, string]> = [
      ["script-src 'self'", "script-src 'self' 'unsafe-eval'"],
      ["script-src 'self'", "script-src 'self' data:"],
      ["script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'"],
      ["default-src 'none'", 'default-src *'],
      ["connect-src 'none'", 'connect-src https:'],
      ["img-src 'self' data:", "img-src 'self' https://tracker.example"],
      ["object-src 'none'", "object-src 'self'"],
      ["; base-uri 'none'", ''],
      ["; form-action 'none'", ''],
    ];
    for (const [from, to] of weakenings) {
      expect(CONTENT_SECURITY_POLICY).toContain(from);
      expect(cspWeaknesses(CONTENT_SECURITY_POLICY.replace(from, to)), to).not.toEqual([]);
    }
  });

  it('fails a page whose meta policy drifted from the header main serves', () => {
    const page = real('renderer/index.html');
    const drifted = { ...page, text: page.text.replace("connect-src 'none'", "connect-src 'self'") };
    expect(findMetaCsp(drifted.text)).toHaveLength(1);
    const metaLine = page.text.split('\n').findIndex((l) => l.includes('http-equiv="Content-Security-Policy"')) + 1;
    expect(checkSamePolicy(CONTENT_SECURITY_POLICY, drifted, 'main/window/security.ts')).toEqual([expect.objectContaining({ file: 'renderer/index.html', line: metaLine })]);
  });
});
