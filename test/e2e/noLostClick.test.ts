/**
 * No lost click (issue 16): nothing on screen may move between a pointer going down and coming up,
 * or the release lands on another control and the click is lost. In real Chromium on the built
 * renderer with the demo vault: for each control pressed, the element under the pointer at release
 * is the one under it at press, and its box has not moved.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPreview, type PreviewBrowser } from '../../tools/ui-preview/previewBrowser.js';

/** Two animation frames: whatever pointer-down set off has been laid out and painted. */
const frames = (page: Page): Promise<void> => page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));

interface Press {
  moved: boolean;
  sameTarget: boolean;
  before: string;
  after: string;
}

/** Presses the middle of `target`, waits, checks what is under the pointer, then releases. */
async function press(page: Page, target: Locator): Promise<Press> {
  await target.scrollIntoViewIfNeeded();
  const box = (await target.boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  const under = (): Promise<string> =>
    page.evaluate(([px, py]) => {
      const el = document.elementFromPoint(px!, py!)?.closest('button, a, input, label, [tabindex]');
      return el ? `${el.tagName} ${el.getAttribute('aria-label') ?? el.textContent?.trim()}` : 'nothing';
    }, [x, y]);
  await page.mouse.move(x, y);
  const before = await under();
  await page.mouse.down();
  await frames(page);
  const after = await under();
  const moved = await target.boundingBox().then((b) => !b || Math.abs(b.y - box.y) > 0.5 || Math.abs(b.x - box.x) > 0.5);
  await page.mouse.up();
  return { moved, sameTarget: before === after, before, after };
}

describe('no lost click', () => {
  let browser: PreviewBrowser;
  beforeAll(async () => {
    browser = await openPreview({ width: 800, height: 600 });
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function revealedPage(): Promise<Page> {
    const page = await browser.newPage('scenario=unlocked', 'light');
    await page.locator('li[data-state]').first().waitFor();
    await page.getByRole('button', { name: /^Reveal value of Production API/ }).first().click();
    await page.getByRole('textbox', { name: 'Token value' }).waitFor();
    return page;
  }

  it('pressing Revoke below a revealed value: the box stays until the release, and the click lands', async () => {
    const page = await revealedPage();
    const revoke = page.getByRole('button', { name: /^Revoke Production API/ }).nth(1);
    const result = await press(page, revoke);
    expect(result).toMatchObject({ moved: false, sameTarget: true });
    // The click landed: the revoke waits with its Undo; and the value hid after the click.
    await page.getByRole('button', { name: /^Undo revoke of Production API/ }).waitFor();
    await expect.poll(() => page.getByRole('textbox', { name: 'Token value' }).count()).toBe(0);
    await page.close();
  });

  it('no control moves under the pointer while pressed, with a value revealed', async () => {
    const page = await revealedPage();
    const targets: Locator[] = [
      page.getByRole('button', { name: /^Copy Ocean market bot/ }).first(),
      page.getByRole('button', { name: /^Reveal value of Ocean/ }).first(),
      page.getByRole('button', { name: /^History/ }).first(),
      page.getByRole('button', { name: /^Mint session token for/ }),
      page.getByRole('searchbox', { name: 'Search tokens' }),
    ];
    for (const target of targets) {
      // Each press starts with the value shown (the one before may have hidden it).
      if ((await page.getByRole('textbox', { name: 'Token value' }).count()) === 0) {
        await page.getByRole('button', { name: /^Reveal value of Production API/ }).first().click();
        await page.getByRole('textbox', { name: 'Token value' }).waitFor();
      }
      const result = await press(page, target);
      expect(result, `${await target.evaluate((el) => el.getAttribute('aria-label') ?? el.textContent)}`).toMatchObject({ moved: false, sameTarget: true });
      await page.keyboard.press('Escape');
    }
    await page.close();
  });
});
