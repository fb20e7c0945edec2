/**
 * Screenshots of every screen and state of the built renderer, driven by an in-page demo
 * window.vault (demoVault.js), for people to LOOK at: `npx tsx tools/ui-preview/preview.ts`.
 * Builds first (set SKIP_BUILD=1 to reuse out/). Writes test-results/ui-preview/*.png.
 * Pass names to take only some shots: `npx tsx tools/ui-preview/preview.ts tokens copy-menu`.
 * AXE=1 also runs axe-core on each scene in both themes and lists every violation (as the e2e gallery does).
 * The scenes are shared with the e2e gallery (test/e2e/screens.test.ts): see scenes.ts.
 */
import { execFileSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { openPreview } from './previewBrowser.js';
import { SCENES } from './scenes.js';
import { shootScene } from './shootScene.js';

const ROOT = resolve(import.meta.dirname, '../..');
const OUT = join(ROOT, 'test-results/ui-preview');

async function main(): Promise<void> {
  if (process.env['SKIP_BUILD'] !== '1') execFileSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'inherit' });
  await mkdir(OUT, { recursive: true });
  const only = process.argv.slice(2);
  const scenes = only.length ? SCENES.filter((s) => only.some((o) => s.name.includes(o))) : SCENES;
  const browser = await openPreview({ width: 1200, height: 780 });
  const problems: string[] = [];
  try {
    for (const scene of scenes) {
      const shot = await shootScene(browser, scene, OUT, { audit: process.env['AXE'] === '1' });
      problems.push(...[...shot.mismatches, ...shot.errors].map((p) => `${scene.name}: ${p}`), ...shot.violations);
      console.log(`saved ${scene.name}.png`);
    }
  } finally {
    await browser.close();
  }
  if (problems.length) {
    console.error(`Problems:\n${problems.join('\n')}`);
    process.exitCode = 1;
  }
}

await main();
