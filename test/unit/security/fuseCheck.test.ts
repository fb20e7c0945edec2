import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REQUIRED_FUSES, checkPackagingConfig } from '../../../tools/security/fuseCheck.js';
import { ROOT } from './fixture.js';

const config = createRequire(import.meta.url)(join(ROOT, 'electron-builder.config.cjs')) as Record<string, unknown> & { electronFuses: Record<string, boolean> };

describe('fuse check', () => {
  it('the packaging config flips exactly the fuses Token Vault ships with', () => {
    expect(config.electronFuses).toEqual(REQUIRED_FUSES);
    expect(REQUIRED_FUSES).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      grantFileProtocolExtraPrivileges: false,
      enableCookieEncryption: true,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
    expect(checkPackagingConfig(config, 'electron-builder.config.cjs')).toEqual([]);
  });

  it('fails when any one fuse is flipped the wrong way or left out', () => {
    for (const [name, value] of Object.entries(REQUIRED_FUSES)) {
      const flipped = { ...config, electronFuses: { ...config.electronFuses, [name]: !value } };
      const { [name]: _dropped, ...rest } = config.electronFuses;
      const missing = { ...config, electronFuses: rest };
      expect(checkPackagingConfig(flipped, 'c.cjs')).toEqual([expect.objectContaining({ message: expect.stringContaining(`electronFuses.${name} must be ${value}`) })]);
      expect(checkPackagingConfig(missing, 'c.cjs')).toHaveLength(1);
    }
  });

  it('fails without fuses, without asar, or with asar integrity disabled', () => {
    const { electronFuses: _fuses, ...noFuses } = config;
    expect(checkPackagingConfig(noFuses, 'c.cjs')).toEqual([expect.objectContaining({ message: 'electronFuses is not configured' })]);
    expect(checkPackagingConfig({ ...config, asar: false }, 'c.cjs')).toHaveLength(1);
    expect(checkPackagingConfig({ ...config, disableAsarIntegrity: true }, 'c.cjs')).toHaveLength(1);
    expect(checkPackagingConfig(undefined, 'c.cjs')).toHaveLength(1);
  });
});
