/**
 * A recording stand-in for the `electron` module, for loading main/index.ts under plain Node
 * (test/unit/index.test.ts). Every export is a stub that records what main calls, in order, and
 * answers with another stub, so main runs without the Electron binary; the few answers main reads
 * (the single-instance lock, paths, `whenReady`, the proxy) are given explicitly. Listeners main
 * registers (`app.on('before-quit', …)`) are kept so a test can fire them.
 */

export interface ElectronRecorder {
  /** What main did, in order: `app.requestSingleInstanceLock()`, `new BrowserWindow`, `app.on(before-quit)`, … */
  readonly log: string[];
  /** The arguments of every call and construction, under the same names as in `log`. */
  readonly calls: { name: string; args: unknown[] }[];
  /** Resolves `app.whenReady()`, logging `<ready>` first. */
  ready(): void;
  /** Calls every listener main registered for `event` on `target` (for example `app`), with `args`. */
  fire(target: string, event: string, ...args: unknown[]): unknown[];
  /** Adds a line to the log (the test's own marks, such as a wrapped service call). */
  mark(line: string): void;
  /** The module object `vi.mock('electron', …)` returns. */
  readonly module: Record<string, unknown>;
}

const EXPORTS = [
  'app', 'BrowserWindow', 'clipboard', 'ClipboardItem', 'dialog', 'globalShortcut', 'ipcMain', 'Menu', 'nativeImage',
  'net', 'Notification', 'powerMonitor', 'protocol', 'safeStorage', 'session', 'Tray',
] as const;

export interface RecorderOptions {
  /** What app.getPath(name) answers (a temporary directory). */
  dataDir: string;
  /** What app.requestSingleInstanceLock() answers. */
  gotLock?: boolean;
}

export function electronRecorder(options: RecorderOptions): ElectronRecorder {
  const log: string[] = [];
  const calls: { name: string; args: unknown[] }[] = [];
  const listeners = new Map<string, ((...args: unknown[]) => unknown)[]>();
  let resolveReady!: () => void;
  const whenReady = new Promise<void>((resolve) => (resolveReady = resolve));

  /** The answers main reads; everything else answers with a stub. */
  const answers: Record<string, (...args: unknown[]) => unknown> = {
    'app.requestSingleInstanceLock': () => options.gotLock ?? true,
    'app.whenReady': () => whenReady,
    'app.getPath': () => options.dataDir,
    'Notification.isSupported': () => false,
    'session().resolveProxy': async () => 'DIRECT',
    'nativeImage.createFromPath': () => stub('image'),
    'globalShortcut.register': () => true,
    'safeStorage.isEncryptionAvailable': () => false,
    'safeStorage.getSelectedStorageBackend': () => 'basic_text',
    'BrowserWindow#.webContents.isLoading': () => false,
    'BrowserWindow#.webContents.getURL': () => 'app://token-vault/index.html',
    'BrowserWindow#.isFocused': () => false,
  };
  const values: Record<string, unknown> = { 'app.isPackaged': true };

  const stubs = new Map<string, unknown>();
  /** A callable, constructible object whose every property is a stub named `path.prop`. */
  function stub(path: string): unknown {
    const known = stubs.get(path);
    if (known) return known;
    const made = new Proxy(function () {}, {
      get(_target, prop) {
        // Not a thenable (awaiting a stub gives the stub) and not a primitive.
        if (typeof prop === 'symbol' || prop === 'then') return undefined;
        const name = `${path}.${prop}`;
        if (name in values) return values[name];
        return stub(name);
      },
      apply(_target, _this, args: unknown[]) {
        const [first] = args;
        const label = typeof first === 'string' ? `${path}(${first})` : `${path}()`;
        log.push(label);
        calls.push({ name: label, args });
        if ((path.endsWith('.on') || path.endsWith('.once')) && typeof first === 'string' && typeof args[1] === 'function') {
          const key = `${path.slice(0, path.lastIndexOf('.'))}:${first}`;
          listeners.set(key, [...(listeners.get(key) ?? []), args[1] as (...a: unknown[]) => unknown]);
        }
        const answer = answers[path];
        if (answer) return answer(...args);
        // Calls on a result share one name (session.fromPartition(…).x is `session().x`).
        return stub(`${path.slice(0, path.indexOf('.') === -1 ? path.length : path.indexOf('.'))}()`);
      },
      construct(_target, args: unknown[]) {
        log.push(`new ${path}`);
        calls.push({ name: `new ${path}`, args });
        return stub(`${path}#`) as object;
      },
    });
    stubs.set(path, made);
    return made;
  }

  return {
    log,
    calls,
    ready() {
      log.push('<ready>');
      resolveReady();
    },
    fire(target, event, ...args) {
      return (listeners.get(`${target}:${event}`) ?? []).map((listener) => listener(...args));
    },
    mark: (line) => void log.push(line),
    module: Object.fromEntries(EXPORTS.map((name) => [name, stub(name)])),
  };
}
