// Renders build/tray/tray.svg into the tray images main/tray/trayIcon.ts loads:
//   trayTemplate.png, trayTemplate@2x.png  macOS template images (black + alpha; the menu bar tints them)
//   tray.png, tray@2x.png                  Windows and Linux (the app's green reads on light and dark panels)
// Run after editing the SVG, then commit the PNGs:  npx tsx build/tray/render.ts
// Uses playwright-core with Chromium (CHROMIUM_PATH, or Debian's /usr/bin/chromium).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const dir = import.meta.dirname;
const source = readFileSync(join(dir, 'tray.svg'), 'utf8');
const GREEN = '#2fae84';

const outputs = [
  { file: 'trayTemplate.png', size: 16, color: '#000000' },
  { file: 'trayTemplate@2x.png', size: 32, color: '#000000' },
  { file: 'tray.png', size: 16, color: GREEN },
  { file: 'tray@2x.png', size: 32, color: GREEN },
];

const browser = await chromium.launch({
  executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  for (const { file, size, color } of outputs) {
    const svg = source.replaceAll('currentColor', color);
    const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(`<html><body style="margin:0;background:transparent"><img src="${src}" width="${size}" height="${size}" style="display:block"></body></html>`);
    await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
    const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    writeFileSync(join(dir, file), png);
    console.log(`${file}: ${size}x${size}, ${png.length} bytes`);
  }
} finally {
  await browser.close();
}
