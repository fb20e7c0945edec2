import { ipcMain } from 'electron';
import { registerHandlers, type RegisterOptions } from './register.js';

/** Registers every channel on Electron's real ipcMain, through the one checked helper. */
export function registerElectronIpc(opts: RegisterOptions): void {
  registerHandlers(ipcMain, opts);
}
