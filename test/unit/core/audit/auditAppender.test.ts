import { describe, expect, it } from 'vitest';
import { auditAppender } from '../../../../main/core/audit/auditAppender.js';
import { emptyVaultData } from '../../../../main/core/vault/vaultRecords.js';
import { FakeClock } from '../../../support/FakeClock.js';

describe('auditAppender', () => {
  it('without a redactor keeps a detail as given (capped), stamped with the clock', () => {
    const clock = new FakeClock();
    const data = emptyVaultData();
    const entry = auditAppender(clock)(data, { action: 'account', outcome: 'ok', detail: 'renamed ' + 'x'.repeat(300) });
    expect(entry.detail).toBe(('renamed ' + 'x'.repeat(300)).slice(0, 200));
    expect(entry.at).toBe(clock.now());
    expect(data.audit).toEqual([entry]);
  });
});
