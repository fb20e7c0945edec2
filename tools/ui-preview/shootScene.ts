import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { auditBothSchemes } from './axeAudit.js';
import type { PreviewBrowser } from './previewBrowser.js';
import type { Scene } from './scenes.js';

export interface Shot {
  /** Where the picture went. */
  file: string;
  /** Where the page differs from what the scene says: 'not visible: <locator>' or 'visible: <locator>'. */
  mismatches: string[];
  /** Uncaught page errors and console errors while it ran. */
  errors: string[];
  /**
   * With `audit`: every axe-core violation of the settled scene in the scene's colour scheme, then
   * of the colour rules with the other scheme emulated, each line naming the rule, the target and the scene.
   */
  violations: string[];
}

export interface ShootOptions {
  /** Run axe-core (axeAudit.ts) on the scene in both colour schemes once it is shot. */
  audit?: boolean;
}

/** How long one expected element may take to appear, and one step of a scene to complete. */
const WAIT_MS = 10_000;

const visible = (l: Locator): Promise<boolean> =>
  l.waitFor({ state: 'visible', timeout: WAIT_MS }).then(
    () => true,
    () => false,
  );

/**
 * Opens a scene in a new tab, runs it, checks what it should show and hide, and saves `<dir>/<name>.png`.
 * Animations are finished rather than waited for, so the picture shows the settled state at once.
 */
export async function shootScene(browser: PreviewBrowser, scene: Scene, dir: string, opts: ShootOptions = {}): Promise<Shot> {
  const scheme = scene.scheme ?? 'dark';
  const page = await browser.newPage(scene.query, scheme);
  page.setDefaultTimeout(WAIT_MS);
  if (scene.viewport) await page.setViewportSize(scene.viewport);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    // The browser asks for /favicon.ico on its own; the app has none to serve.
    if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico')) errors.push(`${m.text()} (${m.location().url})`);
  });
  try {
    await scene.run?.(page);
    const mismatches: string[] = [];
    for (const locator of scene.shows(page)) if (!(await visible(locator))) mismatches.push(`not visible: ${locator}`);
    for (const locator of scene.hides?.(page) ?? []) if (await locator.isVisible()) mismatches.push(`visible: ${locator}`);
    const file = join(dir, `${scene.name}.png`);
    await page.screenshot({ path: file, fullPage: scene.fullPage ?? false, animations: 'disabled' });
    const violations: string[] = [];
    if (opts.audit) {
      const t0 = Date.now();
      violations.push(...(await auditBothSchemes(page, scene.name, scheme, false)));
      if (process.env['AXE_TIMING']) console.log(`axe ${scene.name}: ${Date.now() - t0} ms`);
    }
    return { file, mismatches, errors, violations };
  } finally {
    await page.close();
  }
}
