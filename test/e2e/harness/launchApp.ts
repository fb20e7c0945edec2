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
import { schemas } from '../../../preload/schemas.js';
import { isTrustedUrl } from '../../../main/window/security.js';
import type { KdfParams } from '../../../main/core/vault/kdf.js';
import { createServices, type AppServices } from '../../../main/services.js';
import { describeCaller } from '../../../main/agent/callerIdentity.js';
import { startAgent, type Agent } from '../../../main/agent/startAgent.js';
import { MemoryClipboard } from '../../support/MemoryClipboard.js';
import { TEST_KDF } from '../../support/testKdf.js';
import { CHROMIUM_ARGS, findBrowser } from './findBrowser.js';
import { TestPresence, type PresenceAnswer } from '../../support/TestPresence.js';
import { EMIT_HOOK, INPUT_BINDING, INVOKE_BINDING, shimScript } from './ipcShim.js';
import { ShimIpcMain } from './ShimIpcMain.js';
import { serveRenderer } from './staticServer.js';

export const OUT_DIR = resolve(import.meta.dirname, '../../../out');

export interface LaunchOptions {
  headless?: boolean;
  /** An existing data directory (to reopen a vault); a fresh temporary one otherwise. */
  dataDir?: string;
  clock?: Clock;
  viewport?: { width: number; height: number };
  /** KDF cost for a new vault; the harness default is cheap so tests stay fast, 'app' keeps the app's. */
  kdf?: KdfParams | 'app';
  colorScheme?: 'dark' | 'light';
  /** How the stand-in person answers main's dialogs (default: approves, as the person who asked would). */
  presence?: PresenceAnswer;
  /** Start the `tokenvault` agent on <dataDir>/agent/agent.sock, as the app does (default true). */
  agent?: boolean;
  /**
   * An app-style window (`npm run browser`): Chromium's --app mode at this size, with no tab strip,
   * address bar or automation and --no-sandbox banners, and the page filling the window.
   */
  appWindow?: { width: number; height: number };
}

const HARNESS_PLATFORM = {
  os: 'linux',
  tray: false,
  notifications: false,
  globalShortcut: false,
  limitations: ['Running in the browser harness: no tray, notifications or global shortcut.'],
} as const;

export interface LaunchedApp {
  page: Page;
  context: BrowserContext;
  services: AppServices;
  /**
   * The harness presence adapter: main's dialogs are answered here (every prompt recorded), and the
   * page's trusted input events are reported to it, as webContents input events are to main.
   */
  presence: TestPresence;
  /** The system clipboard main writes to. */
  clipboard: MemoryClipboard;
  /** Every event main emitted, in order. */
  events: AppEvent[];
  ipc: ShimIpcMain;
  dataDir: string;
  /** The CLI agent, when started: TOKENVAULT_SOCKET=agent.endpoint points `tokenvault` at it. */
  agent: Agent | null;
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
  const clipboard = new MemoryClipboard();
  const events: AppEvent[] = [];
  let deliver: ((e: AppEvent) => void) | null = null;
  const presence = new TestPresence(clock, opts.presence ?? 'approve');
  const emit = (e: AppEvent): void => {
    events.push(e);
    deliver?.(e);
  };
  const services = createServices({
    presence,
    dataDir,
    clock,
    logger,
    redactor,
    clipboard,
    emit,
    platform: () => ({ ...HARNESS_PLATFORM, limitations: [...HARNESS_PLATFORM.limitations] }),
    ...(opts.kdf === 'app' ? {} : { kdf: opts.kdf ?? TEST_KDF }),
  });

  const agent =
    opts.agent === false
      ? null
      : await startAgent({
          services,
          grants: services.agentGrants,
          auditLog: services.auditLog,
          presence,
          clock,
          logger,
          dataDir,
          requestUnlock: (caller) => emit({ type: 'unlock-requested', caller: describeCaller(caller) }),
        });

  const server = await serveRenderer(join(OUT_DIR, 'renderer'));
  const ipc = new ShimIpcMain();
  registerHandlers(ipc, {
    handlers: createHandlers(services),
    schemas,
    isTrustedSender: (url) => isTrustedUrl(url, [server.origin]),
    logger,
    onCall: () => services.autoLock.touch(),
  });

  const win = opts.appWindow;
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: findBrowser(),
    headless: opts.headless ?? true,
    // --app opens a window without browser chrome (about:blank first: the shim must be in place
    // before the app's page loads); --test-type drops the --no-sandbox warning bar, and without
    // --enable-automation there is no "controlled by automated software" bar.
    args: win ? [...CHROMIUM_ARGS, '--app=about:blank', `--window-size=${win.width},${win.height}`, '--test-type'] : CHROMIUM_ARGS,
    ...(win ? { ignoreDefaultArgs: ['--enable-automation'], viewport: null } : { viewport: opts.viewport ?? { width: 1100, height: 760 } }),
    colorScheme: opts.colorScheme ?? 'dark',
  });
  await context.exposeBinding(INVOKE_BINDING, ({ frame }, channel: string, args: unknown[]) =>
    ipc.invoke(channel, { senderFrame: { url: frame.url(), parent: frame.parentFrame() } }, args),
  );
  await context.exposeBinding(INPUT_BINDING, () => presence.input());
  await context.addInitScript({ content: shimScript(preloadSource) });
  const page = context.pages()[0] ?? (await context.newPage());
  const emitToPage = async (event: AppEvent): Promise<void> => {
    await page.evaluate(
      ([hook, channel, payload]) => (window as unknown as Record<string, ((c: string, p: unknown) => void) | undefined>)[hook]?.(channel, payload),
      [EMIT_HOOK, EVENT_CHANNEL, event] as const,
    );
  };
  // Like webContents.send: events emitted while no page listens are simply not delivered.
  deliver = (e) => void emitToPage(e).catch(() => undefined);
  await page.goto(`${server.origin}/index.html`);

  return {
    page,
    context,
    services,
    presence,
    clipboard,
    events,
    ipc,
    dataDir,
    agent,
    logLines,
    send: emitToPage,
    async close() {
      deliver = null;
      await agent?.close();
      await services.dispose();
      await context.close();
      await server.close();
      await rm(profileDir, { recursive: true, force: true });
      if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
