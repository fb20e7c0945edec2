import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { AppEvent } from '../../../preload/contract.js';
import { EVENT_CHANNEL } from '../../../preload/contract.js';
import type { Clock } from '../../../main/core/clock.js';
import { systemClock } from '../../../main/core/clock.js';
import { createLogger, type LogSink } from '../../../main/core/log.js';
import { Redactor } from '../../../main/core/redact.js';
import { createHandlers } from '../../../main/ipc/handlers.js';
import { registerHandlers } from '../../../main/ipc/register.js';
import { schemas } from '../../../main/ipc/schemas.js';
import { isTrustedUrl } from '../../../main/security.js';
import { createServices, type Services } from '../../../main/services.js';
import { CHROMIUM_ARGS, findBrowser } from './findBrowser.js';
import { EMIT_HOOK, INVOKE_BINDING, shimScript } from './ipcShim.js';
import { ShimIpcMain } from './ShimIpcMain.js';
import { serveRenderer } from './staticServer.js';

export const OUT_DIR = resolve(import.meta.dirname, '../../../out');

export interface LaunchOptions {
  headless?: boolean;
  /** An existing data directory (to reopen a vault); a fresh temporary one otherwise. */
  dataDir?: string;
  clock?: Clock;
  viewport?: { width: number; height: number };
}

export interface LaunchedApp {
  page: Page;
  context: BrowserContext;
  services: Services;
  ipc: ShimIpcMain;
  dataDir: string;
  /** Every line main logged (already redacted), for secret scans. */
  logLines: string[];
  /** Push an event main → renderer, as webContents.send would. */
  send(event: AppEvent): Promise<void>;
  close(): Promise<void>;
}

/**
 * The app without the Electron binary: the real main-process services and IPC handlers in this Node
 * process, the real built renderer and the real preload bundle in Debian's Chromium, joined by the
 * shim. Requires `npm run build` first (out/).
 */
export async function launchApp(opts: LaunchOptions = {}): Promise<LaunchedApp> {
  const preloadSource = await readFile(join(OUT_DIR, 'preload/index.cjs'), 'utf8').catch(() => {
    throw new Error('out/preload/index.cjs is missing: run `npm run build` first.');
  });
  const ownsDataDir = !opts.dataDir;
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'token-vault-data-')));
  const profileDir = await mkdtemp(join(tmpdir(), 'token-vault-profile-'));
  const logLines: string[] = [];
  const sink: LogSink = { write: (line) => logLines.push(line) };
  const redactor = new Redactor();
  const clock = opts.clock ?? systemClock;
  const logger = createLogger(sink, redactor, () => clock.now());
  const services = createServices({ dataDir, clock, logger, redactor });

  const server = await serveRenderer(join(OUT_DIR, 'renderer'));
  const ipc = new ShimIpcMain();
  registerHandlers(ipc, {
    handlers: createHandlers(services),
    schemas,
    isTrustedSender: (url) => isTrustedUrl(url, [server.origin]),
    logger,
  });

  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: findBrowser(),
    headless: opts.headless ?? true,
    args: CHROMIUM_ARGS,
    viewport: opts.viewport ?? { width: 1100, height: 760 },
    colorScheme: 'dark',
  });
  await context.exposeBinding(INVOKE_BINDING, ({ frame }, channel: string, args: unknown[]) =>
    ipc.invoke(channel, { senderFrame: { url: frame.url(), parent: frame.parentFrame() } }, args),
  );
  await context.addInitScript({ content: shimScript(preloadSource) });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${server.origin}/index.html`);

  return {
    page,
    context,
    services,
    ipc,
    dataDir,
    logLines,
    async send(event) {
      await page.evaluate(
        ([hook, channel, payload]) => (window as unknown as Record<string, (c: string, p: unknown) => void>)[hook]!(channel, payload),
        [EMIT_HOOK, EVENT_CHANNEL, event] as const,
      );
    },
    async close() {
      await context.close();
      await server.close();
      await rm(profileDir, { recursive: true, force: true });
      if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
