import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

// Loading ESLint's config, typescript-eslint and the Svelte plugin costs seconds on a busy 2-core
// machine; it is paid once here, with the time it needs, so each case below lints only its own code.
beforeAll(async () => {
  await eslint.lintText('export {};\n', { filePath: 'main/core/warm.ts' });
}, 60_000);

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('architecture lint rules', { timeout: 30_000 }, () => {
  it('main/core may not import electron', async () => {
    expect(await ruleIds("import { app } from 'electron';\nexport const a = app;\n", 'main/core/bad.ts')).toContain('no-restricted-imports');
    expect(await ruleIds("import { join } from 'node:path';\nexport const j = join;\n", 'main/core/good.ts')).toEqual([]);
  });

  it('ipcMain only in main/ipc', async () => {
    const code = "import { ipcMain } from 'electron';\nexport const i = ipcMain;\n";
    expect(await ruleIds(code, 'main/window/window.ts')).toContain('no-restricted-imports');
    expect(await ruleIds(code, 'main/ipc/electronIpc.ts')).toEqual([]);
  });

  it('ipcRenderer only in preload/index.ts', async () => {
    const code = "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n";
    expect(await ruleIds(code, 'preload/other.ts')).toContain('no-restricted-imports');
    expect(await ruleIds(code, 'main/tray/tray.ts')).toContain('no-restricted-imports');
    expect(await ruleIds(code, 'preload/index.ts')).toEqual([]);
  });

  it('the renderer imports neither node nor electron nor main', async () => {
    expect(await ruleIds("import fs from 'node:fs';\nexport const f = fs;\n", 'renderer/src/tokens/bad.ts')).toContain('no-restricted-imports');
    expect(await ruleIds("import fs from 'fs';\nexport const f = fs;\n", 'renderer/src/tokens/bad.ts')).toContain('no-restricted-imports');
    expect(await ruleIds("import { shell } from 'electron';\nexport const s = shell;\n", 'renderer/src/tokens/bad.ts')).toContain('no-restricted-imports');
    expect(await ruleIds("import { AppError } from '../../../main/core/errors';\nexport const e = AppError;\n", 'renderer/src/tokens/bad.ts')).toContain('no-restricted-imports');
    expect(await ruleIds("export const r = require('x');\n", 'renderer/src/tokens/bad.ts')).toContain('no-restricted-globals');
  });

  it('main/core reads time only from its injected clock', async () => {
    for (const code of ['export const t = Date.now();\n', 'export const d = new Date();\n', 'export const d = new Date;\n', 'export const s = Date();\n']) {
      expect(await ruleIds(code, 'main/core/providers/ocean/bad.ts'), code).toContain('no-restricted-syntax');
    }
    for (const code of ['export const d = (t: number) => new Date(t).toISOString();\n', "export const p = Date.parse('2030-01-01');\n", 'export const u = Date.UTC(2030, 0, 1);\n']) {
      expect(await ruleIds(code, 'main/core/good.ts'), code).toEqual([]);
    }
    expect(await ruleIds('export const t = Date.now();\n', 'main/window/window.ts')).toEqual([]); // the rule is core's
  });

  describe('main/core imports only main/core and preload/, by resolved path', () => {
    const zone = 'zones/import-zone';
    const importing = (spec: string) => `import { x } from '${spec}';\nexport const y = x;\n`;

    it.each([
      ['main/core/vault/bad.ts', '../../serviceTypes.js'],
      ['main/core/vault/bad.ts', '../../ipc/register.js'],
      ['main/core/vault/bad.ts', '../../window.js'],
      ['main/core/vault/bad.ts', '../../window/window.js'],
      ['main/core/vault/bad.ts', '../../trayModel.js'],
      ['main/core/vault/bad.ts', '../../tray/trayModel.js'],
      ['main/core/vault/bad.ts', '../../services.js'],
      ['main/core/vault/bad.ts', '../../platform/power.js'],
      ['main/core/bad.ts', '../window.js'],
      ['main/core/bad.ts', '../serviceTypes.js'],
      ['main/core/providers/ocean/bad.ts', '../../../ipc/register.js'],
      ['main/core/providers/ocean/bad.ts', '../../../../preload/index.js'],
      ['main/core/providers/ocean/bad.ts', '../../../../renderer/src/App.svelte'],
      ['main/core/tokens/bad.ts', '/etc/passwd'],
    ])('%s may not import %s', async (file, spec) => {
      expect(await ruleIds(importing(spec), file)).toContain(zone);
    });

    it('catches every import form: type-only, re-export, export *, dynamic import, import type, require', async () => {
      const file = 'main/core/vault/bad.ts';
      for (const code of [
        "import type { Services } from '../../serviceTypes.js';\nexport type S = Services;\n",
        "export { Services } from '../../serviceTypes.js';\n",
        "export * from '../../trayModel.js';\n",
        "export const m = () => import('../../window.js');\n",
        "export type W = typeof import('../../window.js');\n",
        "import w = require('../../window.js');\nexport const x = w;\n",
      ]) {
        expect(await ruleIds(code, file), code).toContain(zone);
      }
    });

    it('allows core, the preload contract and packages, from any depth', async () => {
      for (const [file, spec] of [
        ['main/core/vault/good.ts', './aead.js'],
        ['main/core/vault/good.ts', '../errors.js'],
        ['main/core/vault/good.ts', '../services.js'],
        ['main/core/vault/good.ts', '../../../preload/contract.js'],
        ['main/core/providers/ocean/good.ts', '../../../../preload/contract.js'],
        ['main/core/good.ts', 'zod'],
        ['main/core/good.ts', 'node:crypto'],
      ] as const) {
        expect(await ruleIds(importing(spec), file), `${file} → ${spec}`).toEqual([]);
      }
    });

    it.each([
      ['main/platform/bad.ts', '../tray/trayModel.js'],
      ['main/platform/bad.ts', '../desktop/startDesktop.js'],
      ['main/platform/bad.ts', '../services.js'],
      ['main/tray/bad.ts', '../desktop/capabilities.js'],
      ['main/tray/bad.ts', '../window/security.js'],
      ['main/window/bad.ts', '../tray/tray.js'],
      ['main/window/bad.ts', '../platform/power.js'],
      ['main/lifecycle/bad.ts', '../desktop/startDesktop.js'],
      ['main/ipc/bad.ts', '../services.js'],
      ['main/agent/bad.ts', '../ipc/handlers.js'],
      ['main/desktop/bad.ts', '../index.js'],
      ['main/desktop/bad.ts', '../ipc/register.js'],
    ])('main/ by concern: %s may not import %s', async (file, spec) => {
      expect(await ruleIds(importing(spec), file)).toContain(zone);
    });

    it('lets each concern import inward: adapters, core and the contract', async () => {
      for (const [file, spec] of [
        ['main/tray/good.ts', '../platform/notifications.js'],
        ['main/lifecycle/good.ts', '../platform/power.js'],
        ['main/desktop/good.ts', '../tray/tray.js'],
        ['main/desktop/good.ts', '../lifecycle/quitGuard.js'],
        ['main/desktop/good.ts', '../../build/tray/tray.png?asset'],
        ['main/window/good.ts', '../core/errors.js'],
        ['main/good.ts', './desktop/startDesktop.js'],
      ] as const) {
        expect(await ruleIds(importing(spec), file), `${file} → ${spec}`).toEqual([]);
      }
    });

    it('keeps the contract and the renderer in their zones too', async () => {
      expect(await ruleIds(importing('../main/core/errors.js'), 'preload/views.ts')).toContain(zone);
      expect(await ruleIds(importing('../../../preload/index.js'), 'renderer/src/tokens/bad.ts')).toContain(zone);
      expect(await ruleIds(importing('../../../main/core/errors.js'), 'renderer/src/tokens/bad.ts')).toContain(zone);
      expect(await ruleIds(importing('../../../preload/contract.js'), 'renderer/src/tokens/good.ts')).toEqual([]);
      const svelte = (spec: string) => `<script lang="ts">\n  import { x } from '${spec}';\n  export const y = x;\n</script>\n`;
      expect(await ruleIds(svelte('../../../main/core/errors.js'), 'renderer/src/tokens/Bad.svelte')).toContain(zone);
      expect(await ruleIds(svelte('../../../preload/contract.js'), 'renderer/src/tokens/Good.svelte')).toEqual([]);
    });
  });
});
