import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkIpcRegistration, checkRegisterHelper } from '../../../tools/security/ipcCheck.js';
import { ROOT, fixture, real } from './fixture.js';

const mainFiles = (readdirSync(join(ROOT, 'main'), { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => real(`main/${f}`));

describe('IPC registration check', () => {
  it('passes the real main process: ipcMain only reaches registerHandlers', () => {
    expect(mainFiles.some((f) => f.text.includes('ipcMain'))).toBe(true);
    expect(checkIpcRegistration(mainFiles)).toEqual([]);
    expect(checkRegisterHelper(real('main/ipc/register.ts'))).toEqual([]);
  });

  it('fails a handler registered on ipcMain directly', () => {
    expect(checkIpcRegistration([fixture('ipc.raw-handle.ts.txt', 'main/ipc/electronIpc.ts')])).toEqual([
      expect.objectContaining({ check: 'ipc', line: 7, message: expect.stringContaining('outside registerHandlers') }),
    ]);
  });

  it("fails Electron's per-window webContents.ipc", () => {
    expect(checkIpcRegistration([fixture('ipc.webcontents-ipc.ts.txt', 'main/tray/tray.ts')])).toEqual([
      expect.objectContaining({ line: 5, message: expect.stringContaining('webContents.ipc.handle') }),
    ]);
  });

  it('fails a home-made registerHandlers that is not the checked one', () => {
    const lines = checkIpcRegistration([fixture('ipc.local-helper.ts.txt', 'main/ipc/electronIpc.ts')]).map((p) => p.line);
    expect(lines).toEqual([4, 9]);
  });

  it('fails a helper that stopped checking the sender or the arguments', () => {
    const helper = real('main/ipc/register.ts');
    const noSender = helper.text.replaceAll('isTrustedSender(', 'isAnySender(');
    const noSchema = helper.text.replaceAll('.safeParse(', '.parseLoosely(');
    expect(checkRegisterHelper({ ...helper, text: noSender })).toEqual([expect.objectContaining({ message: expect.stringContaining('isTrustedSender') })]);
    expect(checkRegisterHelper({ ...helper, text: noSchema })).toEqual([expect.objectContaining({ message: expect.stringContaining('schema') })]);
  });
});
