/**
 * The windowed token list scrolls to a row asked for (a notification's Show, a fresh mint) that is
 * not drawn: in real Chromium on the built renderer with the demo vault, since only a browser lays out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTokens } from '../../tools/bench/uiPages.js';
import { openPreview, type PreviewBrowser } from '../../tools/ui-preview/previewBrowser.js';

/** Where the row stands against the list's box: 'in view', 'out of view' or 'not drawn'. */
const whereIs = (tokenId: string) => `(function () {
  var list = document.querySelector('.list');
  var row = document.getElementById('token-${tokenId}');
  if (!row) return 'not drawn';
  var a = list.getBoundingClientRect(), b = row.getBoundingClientRect();
  return b.top >= a.top && b.bottom <= a.bottom ? 'in view' : 'out of view';
})()`;

describe('scrolling to the highlighted row', () => {
  let browser: PreviewBrowser;
  beforeAll(async () => {
    browser = await openPreview();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('focus-token on a row far down the list scrolls the list until the row is in view', async () => {
    const page = await browser.newPage('scenario=notokens', 'dark');
    await page.getByText(/No live tokens for this account/).first().waitFor();
    await page.evaluate(makeTokens(1000));
    await page.evaluate(`window.__demoEmit({ type: 'tokens-changed', tokens: window.__benchTokens })`);
    await page.locator('li[data-state]').first().waitFor();
    expect(await page.evaluate(whereIs('b998'))).toBe('not drawn');

    await page.evaluate(`window.__demoEmit({ type: 'focus-token', tokenId: 'b998' })`);
    await expect.poll(() => page.evaluate(whereIs('b998'))).toBe('in view');
    expect(await page.evaluate(`document.querySelector('.list').scrollTop`)).toBeGreaterThan(0);
  });
});
