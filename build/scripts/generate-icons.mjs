// Renders build/icon.svg, the one icon source, into every icon the installers need, so that
// electron-builder never has to convert icons itself (its converter downloads a toolset):
//   build/icons/NxN.png  Linux (AppImage, deb) icon set
//   build/icon.icns      macOS (PNG-based ICNS)
//   build/icon.ico       Windows (PNG-based ICO, 16–256)
//   build/icon.png       1024 px, for anything else that wants one picture
// Run after editing the SVG, then commit the outputs:  node build/scripts/generate-icons.mjs
// Uses playwright-core with Chromium (CHROMIUM_PATH, or Debian's /usr/bin/chromium).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const buildDir = join(import.meta.dirname, '..');
const svg = readFileSync(join(buildDir, 'icon.svg'));
const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
// ICNS element types holding PNG data, and the pixel size each one expects.
const ICNS_TYPES = [
  ['icp4', 16], ['icp5', 32], ['icp6', 64], ['ic07', 128], ['ic08', 256], ['ic09', 512], ['ic10', 1024],
  ['ic11', 32], ['ic12', 64], ['ic13', 256], ['ic14', 512],
];

async function renderAll(sizes) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const page = await browser.newPage();
    const src = `data:image/svg+xml;base64,${svg.toString('base64')}`;
    const pngs = new Map();
    for (const size of sizes) {
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(`<html><body style="margin:0;background:transparent"><img src="${src}" width="${size}" height="${size}" style="display:block"></body></html>`);
      await page.locator('img').evaluate((img) => img.decode());
      pngs.set(size, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
    }
    return pngs;
  } finally {
    await browser.close();
  }
}

/** ICO with PNG-compressed entries (Windows Vista and later). A size byte of 0 means 256. */
function ico(pngs) {
  const header = Buffer.alloc(6 + 16 * ICO_SIZES.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(ICO_SIZES.length, 4);
  let offset = header.length;
  ICO_SIZES.forEach((size, i) => {
    const png = pngs.get(size);
    const at = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, at);
    header.writeUInt8(size >= 256 ? 0 : size, at + 1);
    header.writeUInt16LE(1, at + 4);
    header.writeUInt16LE(32, at + 6);
    header.writeUInt32LE(png.length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...ICO_SIZES.map((s) => pngs.get(s))]);
}

/** ICNS made of PNG elements: 'icns', total length, then (type, length incl. 8-byte header, data). */
function icns(pngs) {
  const elements = ICNS_TYPES.map(([type, size]) => {
    const png = pngs.get(size);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + elements.reduce((n, e) => n + e.length, 0), 4);
  return Buffer.concat([head, ...elements]);
}

const pngs = await renderAll([...new Set([...LINUX_SIZES, ...ICO_SIZES, ...ICNS_TYPES.map(([, s]) => s)])]);
mkdirSync(join(buildDir, 'icons'), { recursive: true });
for (const size of LINUX_SIZES) writeFileSync(join(buildDir, 'icons', `${size}x${size}.png`), pngs.get(size));
writeFileSync(join(buildDir, 'icon.png'), pngs.get(1024));
writeFileSync(join(buildDir, 'icon.ico'), ico(pngs));
writeFileSync(join(buildDir, 'icon.icns'), icns(pngs));
console.log(`icons written to ${buildDir}`);
