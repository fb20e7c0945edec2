/**
 * What Electron's checklist asks of the app beyond each window's preferences, read from main's
 * sources: every renderer sandboxed, every web contents guarded, devices, screen capture and the
 * pickers denied, an explicit application menu, the AppUserModelId, no shell.openExternal, and the
 * keychain through safeStorage's async API. Each is one call the sources must make (or must not).
 */
import ts from 'typescript';
import { calleeName, lineOf, parse, walk } from './ast.js';
import type { Problem, SourceText } from './problem.js';

const CHECK = 'hardening';

/** Calls main must make somewhere, and why. */
export const REQUIRED_CALLS: ReadonlyArray<{ name: string; why: string }> = [
  { name: 'enableSandbox', why: 'app.enableSandbox() sandboxes every renderer, whatever a window says' },
  { name: 'setAppUserModelId', why: "app.setAppUserModelId(the builder's appId) groups Windows notifications under the app" },
  { name: 'setApplicationMenu', why: "an explicit application menu keeps Electron's default (Reload, Toggle Developer Tools) out" },
  { name: 'setDevicePermissionHandler', why: 'setDevicePermissionHandler must deny HID, serial and USB devices' },
  { name: 'setDisplayMediaRequestHandler', why: 'setDisplayMediaRequestHandler must refuse screen capture' },
  { name: 'setPermissionRequestHandler', why: 'setPermissionRequestHandler must deny permission requests' },
];

/** Events main must handle (to guard or cancel), and why. */
export const REQUIRED_EVENTS: ReadonlyArray<{ name: string; why: string }> = [
  { name: 'web-contents-created', why: "a 'web-contents-created' guard covers every web contents, not only the main window" },
  { name: 'select-hid-device', why: "'select-hid-device' must be cancelled" },
  { name: 'select-serial-port', why: "'select-serial-port' must be cancelled" },
  { name: 'select-usb-device', why: "'select-usb-device' must be cancelled" },
  { name: 'select-bluetooth-device', why: "'select-bluetooth-device' must be cancelled" },
];

/** Calls main must never make. */
export const FORBIDDEN_CALLS: ReadonlyArray<{ name: string; why: string }> = [
  { name: 'openExternal', why: 'shell.openExternal hands a URL from the window to the OS; the app opens nothing' },
  { name: 'encryptString', why: "use safeStorage.encryptStringAsync (the sync API is deprecated and ignores shouldReEncrypt)" },
  { name: 'decryptString', why: 'use safeStorage.decryptStringAsync and honour shouldReEncrypt' },
];

export function checkHardening(files: readonly SourceText[]): Problem[] {
  const problems: Problem[] = [];
  const calls = new Set<string>();
  const events = new Set<string>();
  for (const { file, text } of files) {
    const sf = parse(file, text);
    walk(sf, (node) => {
      if (!ts.isCallExpression(node)) return;
      const name = calleeName(node.expression);
      if (!name) return;
      calls.add(name);
      const first = node.arguments[0];
      if ((name === 'on' || name === 'once') && first && ts.isStringLiteral(first)) events.add(first.text);
      const forbidden = FORBIDDEN_CALLS.find((f) => f.name === name);
      if (forbidden) problems.push({ check: CHECK, file, line: lineOf(node), message: forbidden.why });
    });
  }
  for (const r of REQUIRED_CALLS) if (!calls.has(r.name)) problems.push({ check: CHECK, file: 'main/', message: `missing: ${r.why}` });
  for (const r of REQUIRED_EVENTS) if (!events.has(r.name)) problems.push({ check: CHECK, file: 'main/', message: `missing: ${r.why}` });
  return problems;
}
