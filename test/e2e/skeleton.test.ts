import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_CHANNELS } from '../../preload/contract.js';
import { launchApp, type LaunchedApp } from './harness/launchApp.js';

describe('walking skeleton', () => {
  let app: LaunchedApp;
  beforeAll(async () => {
    app = await launchApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('reads the vault status from main through the real preload', async () => {
    const result = await app.page.evaluate(() => window.vault.status());
    expect(result).toEqual({ ok: true, value: 'uninitialized' });
    await expect.poll(() => app.page.locator('[data-status]').getAttribute('data-status')).toBe('uninitialized');
    await app.page.screenshot({ path: 'test-results/e2e/01-first-screen.png' });
  });

  it('does not leave the IPC transport reachable from the page', async () => {
    const globals = await app.page.evaluate(() => Object.keys(window).filter((k) => k.toLowerCase().includes('ipc')));
    expect(globals).toEqual([]);
    const api = await app.page.evaluate(() => Object.keys(window.vault).sort());
    expect(api).toEqual([...Object.keys(API_CHANNELS), 'onEvent'].sort());
  });

  it('delivers main → renderer events to the UI', async () => {
    await app.send({ type: 'vault-status', status: 'locked' });
    await expect.poll(() => app.page.locator('[data-status]').getAttribute('data-status')).toBe('locked');
  });

  it('runs under the strict CSP', async () => {
    const csp = await app.page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content'));
    expect(csp).toContain("script-src 'self'");
    // Scripts injected into the page (not by the debugger) must be refused by the CSP.
    const inlineRan = await app.page.evaluate(async () => {
      const el = document.createElement('script');
      el.textContent = 'document.body.dataset.inlineRan = "yes"';
      document.head.append(el);
      await new Promise((r) => setTimeout(r, 0));
      return document.body.dataset['inlineRan'] ?? 'no';
    });
    expect(inlineRan).toBe('no');
  });
});
