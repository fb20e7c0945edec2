/**
 * The screen gallery: every screen and state of the preview (tools/ui-preview/scenes.ts), in real
 * Chromium on the built renderer with the demo vault. Each is checked for the heading or landmark
 * that names it, for what it must not show and for page errors, saved for people to look at in
 * test-results/e2e/screens/, and audited with axe-core at WCAG 2.2 AA plus best practice in both
 * colour schemes (tools/ui-preview/axeAudit.ts): any violation fails with its rule, target and scene.
 * One tab per scene in one browser. About 25 s on 2 cores without the audit; with it, measured 126 s
 * for 58 scenes on a 2-core machine at load 7 (axe: about 2 s a scene at load 13, both themes).
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPreview, type PreviewBrowser } from '../../tools/ui-preview/previewBrowser.js';
import { SCENES } from '../../tools/ui-preview/scenes.js';
import { shootScene } from '../../tools/ui-preview/shootScene.js';

const OUT = resolve(import.meta.dirname, '../../test-results/e2e/screens');

describe('screen gallery', () => {
  let browser: PreviewBrowser;
  beforeAll(async () => {
    await mkdir(OUT, { recursive: true });
    browser = await openPreview({ width: 1200, height: 780 });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('names every scene once, so no picture overwrites another', () => {
    const names = SCENES.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
  });

  for (const scene of SCENES) {
    it(`${scene.name} (${scene.scheme ?? 'dark'})`, async () => {
      const shot = await shootScene(browser, scene, OUT, { audit: true });
      expect(shot.mismatches, `${scene.name} should show (and hide) what it says`).toEqual([]);
      expect(shot.errors, `${scene.name} should run without page errors`).toEqual([]);
      expect(shot.violations, `${scene.name} should pass axe-core (WCAG 2.2 AA) in both themes`).toEqual([]);
      expect(shot.file).toBe(join(OUT, `${scene.name}.png`));
    });
  }
});
