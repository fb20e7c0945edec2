/**
 * Where the agent listens. The app and the CLI both derive it from the app's data directory, so
 * they meet without configuration; TOKENVAULT_SOCKET overrides it for the CLI (the browser harness
 * prints the value to use). Imports only node built-ins: the CLI bundles this file.
 */
import { posix, win32 } from 'node:path';

/** Electron's app.getPath('userData') for this app (productName "Token Vault"). */
export const APP_DIR_NAME = 'Token Vault';

export interface EnvLike {
  [name: string]: string | undefined;
}

/** The app's data directory as Electron computes it, for a CLI that cannot ask Electron. */
export function defaultDataDir(platform: NodeJS.Platform, env: EnvLike, home: string = process.getBuiltinModule('node:os').homedir()): string {
  // The target platform's own path rules, whatever runs this: the pipe name hashes this exact string.
  if (platform === 'win32') return win32.join(env['APPDATA'] || win32.join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return posix.join(home, 'Library', 'Application Support', APP_DIR_NAME);
  return posix.join(env['XDG_CONFIG_HOME'] || posix.join(home, '.config'), APP_DIR_NAME);
}

/**
 * A Unix socket in `<dataDir>/agent/` (the directory is what keeps other users out, see
 * listenOwnerOnly.ts), or on Windows a named pipe whose name is derived from the data directory.
 */
export function agentEndpoint(dataDir: string, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return pipeName(dataDir);
  return posix.join(dataDir, 'agent', 'agent.sock');
}

/**
 * Windows: `\\.\pipe\token-vault-agent-<16 hex>`, from the data directory's path (case-folded, as
 * Windows paths are): one pipe per data folder, the same for the app and the CLI. node:crypto is
 * loaded only here: on every other platform the CLI's start-up would pay for it (it is the largest
 * module it could load) for nothing.
 */
export function pipeName(dataDir: string): string {
  const { createHash } = process.getBuiltinModule('node:crypto');
  const id = createHash('sha256').update(dataDir.toLowerCase()).digest('hex').slice(0, 16);
  return `\\\\.\\pipe\\token-vault-agent-${id}`;
}

/** True for a Windows named-pipe path: never a file, so nothing on disk may be checked or removed for it. */
export function isPipePath(endpoint: string): boolean {
  return /^[\\/]{2}[.?][\\/]pipe[\\/]/i.test(endpoint);
}

/** The endpoint the CLI connects to: TOKENVAULT_SOCKET, else TOKEN_VAULT_DATA_DIR's, else the app's default. */
export function cliEndpoint(platform: NodeJS.Platform, env: EnvLike): string {
  const explicit = env['TOKENVAULT_SOCKET'];
  if (explicit) return explicit;
  return agentEndpoint(env['TOKEN_VAULT_DATA_DIR'] || defaultDataDir(platform, env), platform);
}
