import { getBytes, id, toBeArray, Wallet } from 'ethers';
import { describe, expect, it } from 'vitest';
import { nodeMessage, providerMessage, signForNode, signForProvider } from '../../../../../main/core/providers/ocean/oceanSigning.js';
import { eip191Digest, hexToBytes, recoverAddress, withoutLeadingZeroBytes } from '../../../../fakes/ethRecover.js';
import { vectors } from '../../../../fakes/vectors.js';

// Public Hardhat/Anvil test account #0 from vectors.json; never holds real funds.
const wallet = new Wallet(vectors.key.privateKey);

describe('Ocean signing matches vectors.json', () => {
  it('uses the vector key', () => {
    expect(wallet.address).toBe(vectors.key.address);
  });

  describe.each(vectors.provider)('Python Provider, nonce $nonce', (v) => {
    it('builds the message and hash', () => {
      expect(providerMessage(wallet.address, v.nonce)).toBe(v.message);
      expect(id(v.message)).toBe(v.keccak256);
      expect(v.keccak256.startsWith('0x00')).toBe(v.hashHasLeadingZeroByte);
    });

    it('signs EIP-191 over the 32 hash bytes, exactly the vector signature', async () => {
      expect(await signForProvider(wallet, v.message)).toBe(v.signature);
    });

    it('recovers with an independent secp256k1 implementation', () => {
      const digest = eip191Digest(hexToBytes(v.keccak256.slice(2)));
      expect(`0x${Buffer.from(digest).toString('hex')}`).toBe(v.eip191Digest);
      expect(recoverAddress(digest, v.signature)).toBe(v.recovers);
    });
  });

  it('a leading-zero-dropping conversion signs other bytes for the nonce-137 hash (the ocean.js bug)', async () => {
    const v = vectors.provider.find((p) => p.hashHasLeadingZeroByte);
    expect(v?.nonce).toBe('137');
    const h = id(v?.message ?? '');
    expect(toBeArray(h).length).toBe(31);
    expect(getBytes(h).length).toBe(32);
    const wrong = await wallet.signMessage(toBeArray(h));
    expect(wrong).not.toBe(v?.signature);
    expect(recoverAddress(eip191Digest(getBytes(h)), wrong)).not.toBe(vectors.key.address);
  });

  describe.each(vectors.oceanNode)('Ocean Node, nonce $nonce $command', (v) => {
    it('appends the command and signs the hash hex text, exactly the vector signature', async () => {
      expect(nodeMessage(wallet.address, v.nonce, v.command)).toBe(v.message);
      expect(id(v.message)).toBe(v.keccak256);
      expect(await signForNode(wallet, v.message)).toBe(v.signatureHexText);
    });

    it('the node check accepts hex text always, 32 raw bytes only without a leading zero byte', () => {
      const hash = hexToBytes(v.keccak256.slice(2));
      const nodeChecks = (sig: string): boolean =>
        recoverAddress(eip191Digest(new TextEncoder().encode(v.keccak256)), sig) === v.recovers ||
        recoverAddress(eip191Digest(withoutLeadingZeroBytes(hash)), sig) === v.recovers;
      expect(nodeChecks(v.signatureHexText)).toBe(true);
      expect(nodeChecks(v.signature32Bytes)).toBe(v.nodeAccepts32Bytes);
      expect(v.nodeAccepts32Bytes).toBe(!v.hashHasLeadingZeroByte);
    });
  });
});

describe('Python Provider signatures are made once per wallet and message', () => {
  class CountingWallet extends Wallet {
    signed = 0;
    override signMessage(message: string | Uint8Array): Promise<string> {
      this.signed++;
      return super.signMessage(message);
    }
  }
  const [a, b] = vectors.provider;

  it('reuses the signature for the same message, and signs again for another message or wallet', async () => {
    const w = new CountingWallet(vectors.key.privateKey);
    expect(await signForProvider(w, a!.message)).toBe(a!.signature);
    expect(await signForProvider(w, a!.message)).toBe(a!.signature);
    expect(w.signed).toBe(1);
    expect(await signForProvider(w, b!.message)).toBe(b!.signature);
    expect(await signForProvider(w, a!.message)).toBe(a!.signature);
    expect(w.signed).toBe(3);
    const other = new CountingWallet(vectors.key.privateKey);
    expect(await signForProvider(other, a!.message)).toBe(a!.signature);
    expect(other.signed).toBe(1);
  });
});
