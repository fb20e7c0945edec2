import { describe, expect, it } from 'vitest';
import { checkSecurePreferences, checkWindows } from '../../../tools/security/windowCheck.js';
import { fixture, real } from './fixture.js';

describe('window check', () => {
  it('passes the real window and the real secure preferences', () => {
    expect(checkWindows([real('main/window/window.ts')])).toEqual([]);
    expect(checkSecurePreferences(real('main/window/security.ts'))).toEqual([]);
  });

  it('fails a window with inline webPreferences and contextIsolation off', () => {
    const problems = checkWindows([fixture('window.context-isolation-off.ts.txt', 'main/window/window.ts')]);
    expect(problems).toEqual([expect.objectContaining({ check: 'windows', file: 'main/window/window.ts', line: 6, message: expect.stringContaining('secureWebPreferences') })]);
  });

  it('fails a window whose file guards neither window.open nor navigation', () => {
    const messages = checkWindows([fixture('window.no-guards.ts.txt', 'main/window/window.ts')]).map((p) => p.message);
    expect(messages).toEqual([expect.stringContaining('setWindowOpenHandler'), expect.stringContaining('will-navigate')]);
  });

  it('fails windows built from a variable, without webPreferences, or with a look-alike helper', () => {
    const guards = "\nwin.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));\nwin.webContents.on('will-navigate', (e) => e.preventDefault());\n";
    const cases = [
      "import { BrowserWindow } from 'electron';\nconst opts = { webPreferences: {} };\nconst win = new BrowserWindow(opts);",
      "import { BrowserWindow } from 'electron';\nconst win = new BrowserWindow({ width: 1 });",
      "import { BrowserWindow } from 'electron';\nimport { secureWebPreferences } from './lookalike.js';\nconst win = new BrowserWindow({ webPreferences: secureWebPreferences('p') });",
      "import { WebContentsView } from 'electron';\nconst win = new WebContentsView({ webPreferences: { ...secureWebPreferences('p'), sandbox: false } });",
    ];
    for (const text of cases) expect(checkWindows([{ file: 'main/tray/tray.ts', text: text + guards }])).toHaveLength(1);
  });

  it('fails secure preferences that turn the sandbox off or spread other options in', () => {
    const messages = checkSecurePreferences(fixture('security.sandbox-off.ts.txt', 'main/window/security.ts')).map((p) => p.message);
    expect(messages).toEqual([expect.stringContaining('no spread'), expect.stringContaining('sandbox must be the literal true')]);
  });

  it('fails every required preference that is missing or flipped', () => {
    const text = real('main/window/security.ts').text;
    for (const [line, weakened] of [
      ['contextIsolation: true,', 'contextIsolation: false,'],
      ['nodeIntegration: false,', 'nodeIntegration: true,'],
      ['webSecurity: true,', ''],
      ["disableBlinkFeatures: 'Auxclick',", "disableBlinkFeatures: '',"],
    ] as const) {
      expect(text).toContain(line);
      expect(checkSecurePreferences({ file: 'main/window/security.ts', text: text.replace(line, weakened) })).toHaveLength(1);
    }
  });
});
