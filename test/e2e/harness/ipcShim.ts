/**
 * Stand-ins for Electron's contextBridge and ipcRenderer, run inside the page. The real preload
 * bundle (out/preload/index.cjs) is wrapped textually in a function whose `require` returns these
 * stand-ins and refuses everything else, exactly as a sandboxed preload can only require electron.
 * Textual wrapping (not eval) keeps working under the page's strict CSP.
 */

export const INVOKE_BINDING = '__tokenVaultIpcInvoke';
export const EMIT_HOOK = '__tokenVaultIpcEmit';
/** Reports the person's real input to the harness presence, as webContents 'input-event' does to main. */
export const INPUT_BINDING = '__tokenVaultInput';

/** Runs in the page before any of its scripts. Kept as real code so it type-checks. */
function shimRuntime(invokeName: string, emitName: string, inputName: string): (name: string) => unknown {
  const w = window as unknown as Record<string, unknown>;
  const invokeBinding = w[invokeName] as (channel: string, args: unknown[]) => Promise<unknown>;
  const inputBinding = w[inputName] as (() => Promise<void>) | undefined;
  // The renderer must not reach the transport directly, as in Electron where ipcRenderer lives
  // only in the isolated preload world.
  delete w[invokeName];
  delete w[inputName];
  // Only trusted events (made by the browser from real input, here Playwright's CDP input) count:
  // a script can dispatch a click, but never an isTrusted one, just as it cannot reach main's input-event.
  for (const type of ['pointerdown', 'keydown']) {
    window.addEventListener(type, (e) => void (e.isTrusted && inputBinding?.()), { capture: true });
  }
  const listeners = new Map<string, Set<(event: unknown, payload: unknown) => void>>();

  Object.defineProperty(window, emitName, {
    enumerable: false,
    value: (channel: string, payload: unknown) => {
      for (const l of listeners.get(channel) ?? []) l({}, structuredClone(payload));
    },
  });

  // Values crossing the bridge are structured-cloned; functions are proxied (Electron does the same).
  const cross = (value: unknown): unknown => {
    if (typeof value === 'function') {
      const fn = value as (...a: unknown[]) => unknown;
      return (...args: unknown[]) => {
        const out = fn(...args.map(cross));
        return out instanceof Promise ? out.then(cross) : cross(out);
      };
    }
    if (value && typeof value === 'object' && !(value instanceof Promise)) {
      if (Array.isArray(value)) return value.map(cross);
      const hasFn = Object.values(value).some((v) => typeof v === 'function');
      if (!hasFn) return structuredClone(value);
      return Object.freeze(Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cross(v)])));
    }
    return value;
  };

  const ipcRenderer = {
    invoke: (channel: string, ...args: unknown[]) => invokeBinding(channel, structuredClone(args)),
    on(channel: string, listener: (event: unknown, payload: unknown) => void) {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(listener);
      return ipcRenderer;
    },
    removeListener(channel: string, listener: (event: unknown, payload: unknown) => void) {
      listeners.get(channel)?.delete(listener);
      return ipcRenderer;
    },
  };
  const contextBridge = {
    exposeInMainWorld(key: string, api: unknown) {
      Object.defineProperty(window, key, { value: Object.freeze(cross(api)), enumerable: true, writable: false, configurable: false });
    },
  };
  return (name: string) => {
    if (name === 'electron') return { contextBridge, ipcRenderer };
    throw new Error(`A sandboxed preload can only require "electron", not "${name}".`);
  };
}

/** The init script: the shim, then the preload bundle byte-for-byte inside a CommonJS wrapper. */
export function shimScript(preloadSource: string): string {
  return [
    '(() => {',
    // tsx/esbuild (keepNames) wrap named functions in __name(); the page has no such helper.
    'const __name = (fn) => fn;',
    `const require = (${shimRuntime.toString()})(${JSON.stringify(INVOKE_BINDING)}, ${JSON.stringify(EMIT_HOOK)}, ${JSON.stringify(INPUT_BINDING)});`,
    'const module = { exports: {} }; const exports = module.exports;',
    '(function (require, module, exports) {',
    preloadSource,
    '\n})(require, module, exports);',
    '})();',
  ].join('\n');
}
