import type { KdfParams } from '../../main/core/vault/kdf.js';

/**
 * The one cheap KDF cost for every test and harness (about 1 ms): parameters are per vault, so a
 * vault made with it runs the same scrypt code path as the app's DEFAULT_KDF.
 */
export const TEST_KDF: KdfParams = { name: 'scrypt', N: 2 ** 10, r: 8, p: 1 };
