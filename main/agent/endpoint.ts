/**
 * Where the agent listens. The app and the CLI both derive it from the app's data directory, so
 * they meet without configuration; TOKENVAULT_SOCKET overrides it for the CLI (the browser harness
 * prints the value to use). Imports only node built-ins: the CLI bundles this file.
 */
import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Electron's app.getPath('userData') for this app (productName "Token Vault"). */
export const APP_DIR_NAME = 'Token Vault';

export interface EnvLike {
  [name: string]: string | undefined;
}

/** The app's data directory as Electron computes it, for a CLI that cannot ask Electron. */
export function defaultDataDir(platform: NodeJS.Platform, env: EnvLike, home: string = homedir()): string {
  if (platform === 'win32') return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_DIR_NAME);
  return join(env['XDG_CONFIG_HOME'] || join(home, '.config'), APP_DIR_NAME);
}

/**
 * A Unix socket in `<dataDir>/agent/` (the directory is what keeps other users out, see
 * listenOwnerOnly.ts), or on Windows a named pipe whose name is derived from the data directory.
 */
export function agentEndpoint(dataDir: string, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') {
    const id = createHash('sha256').update(dataDir.toLowerCase()).digest('hex').slice(0, 16);
    return `\\\\.\\pipe\\token-vault-agent-${id}`;
  }
  return join(dataDir, 'agent', 'agent.sock');
}

/** The endpoint the CLI connects to: TOKENVAULT_SOCKET, else TOKEN_VAULT_DATA_DIR's, else the app's default. */
export function cliEndpoint(platform: NodeJS.Platform, env: EnvLike): string {
  const explicit = env['TOKENVAULT_SOCKET'];
  if (explicit) return explicit;
  return agentEndpoint(env['TOKEN_VAULT_DATA_DIR'] || defaultDataDir(platform, env), platform);
}
