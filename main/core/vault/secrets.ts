import type { Redactor } from '../redact.js';
import type { AccountRecord, VaultData } from './vaultRecords.js';
import { nextTurn } from '../nextTurn.js';

/** An account's secrets go to the redactor, so no log line or error can carry one. */
export function registerAccountSecrets(redactor: Redactor, a: Readonly<AccountRecord>): void {
  if (a.secrets.kind === 'azion') {
    redactor.add(a.secrets.password);
    redactor.add(a.secrets.personalToken);
  } else {
    redactor.add(a.secrets.privateKey);
    redactor.add(a.secrets.privateKey.replace(/^0x/, ''));
  }
}

/**
 * Every secret the vault decrypts (account secrets and token values), in slices, before the session
 * begins (LockState.begin): with 10,000 tokens it is 50,000 encodings to register.
 */
export async function registerSecretsSliced(redactor: Redactor, data: Readonly<VaultData>, perSlice = 1000): Promise<void> {
  for (const a of data.accounts) registerAccountSecrets(redactor, a);
  // Stryker disable next-line EqualityOperator: equivalent, one more turn over an empty slice registers nothing
  for (let i = 0; i < data.tokens.length; i += perSlice) {
    // Stryker disable next-line MethodExpression: equivalent in what is registered (each token again per slice; add() skips known ones), only slower
    for (const t of data.tokens.slice(i, i + perSlice)) redactor.add(t.value);
    await nextTurn();
  }
}
