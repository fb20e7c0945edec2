import type { SigningPreview } from '../providers/types.js';

/**
 * What an Ocean signature proves and to whom it is usable, in plain words. Shown by main's own
 * approval dialog and in the window's preview; it must stay true to oceanSigning.ts:
 * the Python Provider signs keccak256(address + nonce) only, Ocean Node signs
 * keccak256(address + nonce + "createAuthToken"). Neither signs the expiry or the host.
 */
export function signingStatement(preview: Pick<SigningPreview, 'flavour' | 'nonce' | 'providerUrl'>): string {
  const host = hostOf(preview.providerUrl);
  const signed =
    preview.flavour === 'provider'
      ? 'Only your address and the nonce are signed.'
      : 'Only your address, the nonce and the word "createAuthToken" are signed.';
  return (
    `${signed} The expiry and the server's address are not signed. ` +
    `The signature proves you control this address to any Ocean ${preview.flavour === 'provider' ? 'provider' : 'node'} that sees it, ` +
    `not only ${host}: whoever receives it can mint a token for your address wherever nonce ${preview.nonce} is still accepted. ` +
    'Approve only if you trust this server.'
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
