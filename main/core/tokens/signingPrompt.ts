import type { SigningPreview } from '../providers/types.js';
import type { AccountRecord } from '../vault/vaultRecords.js';
import { signingStatement } from './signingStatement.js';

/** Main's approval dialog for an Ocean signature: the truthful preview, nothing from the window. */
export function signingPrompt(account: AccountRecord, p: SigningPreview): { title: string; message: string; detail: string } {
  return {
    title: 'Approve signature',
    message: `Sign in to ${p.flavour === 'node' ? 'Ocean Node' : 'Ocean provider'} ${p.providerUrl} as "${account.label}"?`,
    detail: [
      `Signer address: ${p.address}`,
      `Nonce: ${p.nonce}`,
      `Message signed: ${p.message}`,
      `Token expires (requested, not signed): ${new Date(p.expiresAt).toISOString()}`,
      '',
      signingStatement(p),
    ].join('\n'),
  };
}
