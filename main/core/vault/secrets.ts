import type { Redactor } from '../redact.js';
import type { AccountRecord, VaultData } from './types.js';

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

/** Every secret the vault decrypts: account secrets and token values. */
export function registerSecrets(redactor: Redactor, data: Readonly<VaultData>): void {
  for (const a of data.accounts) registerAccountSecrets(redactor, a);
  for (const t of data.tokens) redactor.add(t.value);
}
