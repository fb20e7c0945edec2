import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, findBrowser } from '../../test/e2e/harness/findBrowser.js';
import { serveRenderer, type StaticServer } from '../../test/e2e/harness/staticServer.js';

const ROOT = resolve(import.meta.dirname, '../..');

export interface PreviewBrowser {
  context: BrowserContext;
  origin: string;
  /** A new tab on the built UI with the demo vault; `query` picks the demo scenario (see demoVault.js). */
  newPage(query: string, scheme?: 'light' | 'dark'): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Chromium on the built renderer (out/renderer, served with the production CSP) with the in-page demo
 * window.vault injected before any script runs. Shared by the preview screenshots and the UI bench.
 */
export async function openPreview(viewport = { width: 1200, height: 780 }, extraInitScripts: string[] = []): Promise<PreviewBrowser> {
  const demo = await readFile(join(ROOT, 'tools/ui-preview/demoVault.js'), 'utf8');
  const server: StaticServer = await serveRenderer(join(ROOT, 'out/renderer'));
  const profile = await mkdtemp(join(tmpdir(), 'token-vault-preview-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findBrowser(),
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
  });
  for (const script of extraInitScripts) await context.addInitScript({ content: script });
  await context.addInitScript({ content: demo });
  const blank = context.pages()[0];
  return {
    context,
    origin: server.origin,
    async newPage(query, scheme = 'dark') {
      const page = await context.newPage();
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'no-preference' });
      await page.goto(`${server.origin}/index.html?${query}`);
      return page;
    },
    async close() {
      await blank?.close().catch(() => undefined);
      await context.close();
      await server.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
