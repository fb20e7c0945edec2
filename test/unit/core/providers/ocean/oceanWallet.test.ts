import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../../main/core/errors.js';
import { walletFor } from '../../../../../main/core/providers/ocean/oceanSigning.js';
import type { OceanConfig, OceanSecrets } from '../../../../../main/core/vault/vaultRecords.js';
import { TEST_KEY } from '../../../../fakes/vectors.js';

// Public Hardhat/Anvil test account #1 (account #0 is TEST_KEY): never holds real funds.
const OTHER_KEY = { privateKey: '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d', address: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' };

const config = (address: string): OceanConfig => ({ kind: 'ocean', providerUrl: 'http://127.0.0.1:1', address, flavour: 'auto' });
const secretsOf = (privateKey: string): OceanSecrets => ({ kind: 'ocean', privateKey });

function badKey(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) {
      expect(e.code).toBe('BAD_KEY');
      return e;
    }
    throw e;
  }
  throw new Error('expected BAD_KEY');
}

describe('walletFor: the stored key must belong to the shown address', () => {
  it('a matching key, with or without 0x, gives the account wallet', () => {
    expect(walletFor(config(TEST_KEY.address), secretsOf(TEST_KEY.privateKey)).address).toBe(TEST_KEY.address);
    expect(walletFor(config(TEST_KEY.address), secretsOf(TEST_KEY.privateKey.slice(2))).address).toBe(TEST_KEY.address);
  });

  it('the address may be stored in lower case (checksums are compared, not strings)', () => {
    expect(walletFor(config(TEST_KEY.address.toLowerCase()), secretsOf(TEST_KEY.privateKey)).address).toBe(TEST_KEY.address);
  });

  it('another account\'s key is BAD_KEY, and the message never quotes a key', () => {
    const err = badKey(() => walletFor(config(TEST_KEY.address), secretsOf(OTHER_KEY.privateKey)));
    expect(err.message).toContain('does not belong');
    expect(err.message).not.toContain(OTHER_KEY.privateKey.slice(2, 12));
  });

  it.each(['', '0x', '0x1234', `0x${'g'.repeat(64)}`, `0x${'0'.repeat(64)}`])('an invalid stored key %j is BAD_KEY', (key) => {
    const err = badKey(() => walletFor(config(TEST_KEY.address), secretsOf(key)));
    expect(err.message).toContain('stored Ethereum key');
  });

  it.each(['', 'not-an-address', '0x1234', `${TEST_KEY.address.slice(0, 41)}X`])('an invalid address %j is BAD_KEY', (address) => {
    const err = badKey(() => walletFor(config(address), secretsOf(TEST_KEY.privateKey)));
    expect(err.message).toContain('not a valid Ethereum address');
  });

  it('a mixed-case address with a wrong checksum is BAD_KEY, not silently accepted', () => {
    const wrongChecksum = `0x${TEST_KEY.address.slice(2).replace(/[a-f]/, (c) => c.toUpperCase()).replace(/[A-F](?=[^A-F]*$)/, (c) => c.toLowerCase())}`;
    expect(wrongChecksum.toLowerCase()).toBe(TEST_KEY.address.toLowerCase());
    expect(wrongChecksum).not.toBe(TEST_KEY.address);
    badKey(() => walletFor(config(wrongChecksum), secretsOf(TEST_KEY.privateKey)));
  });

  it('the wallet is kept per secrets object, and a changed key in that object is not served from the cache', () => {
    const secrets = secretsOf(TEST_KEY.privateKey);
    const first = walletFor(config(TEST_KEY.address), secrets);
    expect(walletFor(config(TEST_KEY.address), secrets)).toBe(first);
    secrets.privateKey = OTHER_KEY.privateKey;
    badKey(() => walletFor(config(TEST_KEY.address), secrets));
    expect(walletFor(config(OTHER_KEY.address), secrets).address).toBe(OTHER_KEY.address);
  });

  it('the cache is checked against the address each time', () => {
    const secrets = secretsOf(TEST_KEY.privateKey);
    walletFor(config(TEST_KEY.address), secrets);
    badKey(() => walletFor(config(OTHER_KEY.address), secrets));
  });
});
