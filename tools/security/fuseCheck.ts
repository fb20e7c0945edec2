/**
 * Fuses are flipped in the Electron binary at package time from electron-builder's `electronFuses`.
 * Electronegativity never sees the packaging config, so the gate holds it to these values, and keeps
 * the asar (OnlyLoadAppFromAsar and integrity validation mean nothing without one).
 */
import type { Problem } from './problem.js';

const CHECK = 'fuses';

/** electron-builder's FuseOptionsV1 names → the value Token Vault ships with. */
export const REQUIRED_FUSES = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  grantFileProtocolExtraPrivileges: false,
  enableCookieEncryption: true,
  onlyLoadAppFromAsar: true,
  enableEmbeddedAsarIntegrityValidation: true,
} as const;

export function checkPackagingConfig(config: unknown, file: string): Problem[] {
  const problems: Problem[] = [];
  const say = (message: string) => problems.push({ check: CHECK, file, message });
  if (!isRecord(config)) return [{ check: CHECK, file, message: 'the electron-builder config is not an object' }];
  const fuses = config['electronFuses'];
  if (!isRecord(fuses)) {
    say('electronFuses is not configured');
  } else {
    for (const [name, wanted] of Object.entries(REQUIRED_FUSES)) {
      if (fuses[name] !== wanted) say(`electronFuses.${name} must be ${wanted} (is ${String(fuses[name])})`);
    }
  }
  if (config['asar'] === false) say('asar must stay on: the asar fuses protect nothing without it');
  if (config['disableAsarIntegrity'] === true) say('disableAsarIntegrity must not be set: integrity validation needs the hash');
  return problems;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
