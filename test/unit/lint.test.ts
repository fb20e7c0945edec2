import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('architecture lint rules', () => {
  it('main/core may not import electron', async () => {
    expect(await ruleIds("import { app } from 'electron';\nexport const a = app;\n", 'main/core/bad.ts')).toContain('no-restricted-imports');
    expect(await ruleIds("import { join } from 'node:path';\nexport const j = join;\n", 'main/core/good.ts')).toEqual([]);
  });

  it('ipcMain only in main/ipc', async () => {
    const code = "import { ipcMain } from 'electron';\nexport const i = ipcMain;\n";
    expect(await ruleIds(code, 'main/window.ts')).toContain('no-restricted-imports');
    expect(await ruleIds(code, 'main/ipc/electronIpc.ts')).toEqual([]);
  });

  it('ipcRenderer only in preload/index.ts', async () => {
    const code = "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n";
    expect(await ruleIds(code, 'preload/other.ts')).toContain('no-restricted-imports');
    expect(await ruleIds(code, 'main/tray.ts')).toContain('no-restricted-imports');
    expect(await ruleIds(code, 'preload/index.ts')).toEqual([]);
  });

  it('the renderer imports neither node nor electron nor main', async () => {
    expect(await ruleIds("import fs from 'node:fs';\nexport const f = fs;\n", 'renderer/src/lib/bad.ts')).toContain('no-restricted-imports');
    expect(await ruleIds("import fs from 'fs';\nexport const f = fs;\n", 'renderer/src/lib/bad.ts')).toContain('no-restricted-imports');
    expect(await ruleIds("import { shell } from 'electron';\nexport const s = shell;\n", 'renderer/src/lib/bad.ts')).toContain('no-restricted-imports');
    expect(await ruleIds("import { AppError } from '../../../main/core/errors';\nexport const e = AppError;\n", 'renderer/src/lib/bad.ts')).toContain('no-restricted-imports');
    expect(await ruleIds("export const r = require('x');\n", 'renderer/src/lib/bad.ts')).toContain('no-restricted-globals');
  });
});
