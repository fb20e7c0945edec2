import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VaultLocation } from '../../../../main/core/vault/VaultLocation.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tv-location-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('VaultLocation', () => {
  it('the vault file is vault.json in the data directory, and exists once written', async () => {
    const loc = new VaultLocation(dir);
    expect(loc.dir).toBe(dir);
    expect(loc.file).toBe(join(dir, 'vault.json'));
    expect(await loc.exists()).toBe(false);
    await writeFile(loc.file, '{}');
    expect(await loc.exists()).toBe(true);
  });

  it('a data directory that does not exist has no vault', async () => {
    expect(await new VaultLocation(join(dir, 'missing')).exists()).toBe(false);
  });
});
