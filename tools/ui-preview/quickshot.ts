/**
 * Quick look at one demo query at several window sizes and both themes, for people working on the
 * layout: `npx tsx tools/ui-preview/quickshot.ts 'scenario=unlocked&n=10000' [outDir]`. Needs a build.
 */
import { join } from 'node:path';
import { openPreview } from './previewBrowser.js';

const query = process.argv[2] ?? 'scenario=unlocked';
const out = process.argv[3] ?? 'test-results/ui-preview/quick';
const sizes = (process.env['SIZES'] ?? '800x600,1280x800,1920x1200').split(',').map((s) => s.split('x').map(Number) as [number, number]);
const schemes = (process.env['SCHEMES'] ?? 'dark,light').split(',') as Array<'dark' | 'light'>;

const browser = await openPreview();
try {
  for (const [width, height] of sizes) {
    for (const scheme of schemes) {
      const page = await browser.newPage(query, scheme);
      await page.setViewportSize({ width, height });
      await page.locator('li[data-state], h1').first().waitFor();
      if (process.env['SCROLL']) await page.locator('.list').evaluate((el, y) => el.scrollTo(0, y), Number(process.env['SCROLL']));
      await page.waitForTimeout(300);
      const file = join(out, `${query.replace(/[^a-z0-9]+/gi, '_')}-${width}x${height}-${scheme}.png`);
      await page.screenshot({ path: file, animations: 'disabled' });
      console.log(file);
      await page.close();
    }
  }
} finally {
  await browser.close();
}
