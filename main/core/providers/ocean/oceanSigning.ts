import { getAddress, getBytes, id, Wallet } from 'ethers';
import { AppError } from '../../errors.js';
import type { OceanConfig, OceanSecrets } from '../../vault/vaultRecords.js';

export type NodeCommand = 'createAuthToken' | 'invalidateAuthToken';

/** Python Provider: `address + nonce`, no separator. The server hashes the address exactly as sent. */
export function providerMessage(address: string, nonce: string): string {
  return `${address}${nonce}`;
}

/** Ocean Node v1: the command name is appended to the message. */
export function nodeMessage(address: string, nonce: string, command: NodeCommand): string {
  return `${address}${nonce}${command}`;
}

/**
 * Python Provider: EIP-191 over the 32 raw bytes of keccak256(message). `getBytes` keeps leading
 * zero bytes; `toBeArray` would drop them and fail for about one hash in 256.
 */
export async function signForProvider(wallet: Wallet, message: string): Promise<string> {
  // Signatures are deterministic (RFC 6979), and the Provider never moves the nonce for auth calls,
  // so every mint of an account signs the same message: the signature is made once per wallet (which
  // lives as long as the decrypted secrets, see walletFor) and reused, the same bytes either way.
  const kept = providerSignatures.get(wallet);
  if (kept?.message === message) return kept.signature;
  const signature = await wallet.signMessage(getBytes(id(message)));
  providerSignatures.set(wallet, { message, signature });
  return signature;
}

const providerSignatures = new WeakMap<Wallet, { message: string; signature: string }>();

/**
 * Ocean Node: EIP-191 over the 66-character hex TEXT of keccak256(message), the one form the node
 * accepts for every hash (its byte-form check drops leading zero bytes).
 */
export function signForNode(wallet: Wallet, message: string): Promise<string> {
  return wallet.signMessage(id(message));
}

/**
 * Deriving the public key costs about as much as signing, so a wallet is kept for as long as the
 * decrypted secrets object it came from lives: the vault dropping that object on lock frees it too.
 */
const wallets = new WeakMap<OceanSecrets, { privateKey: string; wallet: Wallet }>();

/**
 * The account's wallet, checked against the address the account shows. The key never leaves this
 * object; errors never quote it.
 */
export function walletFor(config: OceanConfig, secrets: OceanSecrets): Wallet {
  let wallet: Wallet;
  const cached = wallets.get(secrets);
  if (cached && cached.privateKey === secrets.privateKey) {
    wallet = cached.wallet;
  } else {
    try {
      // Stryker disable next-line StringLiteral: ethers 6's Wallet takes a key without 0x too; the prefix keeps us independent of that
      const hex = secrets.privateKey.startsWith('0x') ? secrets.privateKey : `0x${secrets.privateKey}`;
      wallet = new Wallet(hex);
    } catch {
      throw new AppError('BAD_KEY', 'The stored Ethereum key of this account is not valid. Import the key again.');
    }
    wallets.set(secrets, { privateKey: secrets.privateKey, wallet });
  }
  let configured: string;
  try {
    configured = getAddress(config.address);
  } catch {
    throw new AppError('BAD_KEY', "This account's address is not a valid Ethereum address. Import the key again.");
  }
  if (configured !== wallet.address) {
    throw new AppError('BAD_KEY', "The stored key does not belong to this account's address. Import the right key again.");
  }
  return wallet;
}
