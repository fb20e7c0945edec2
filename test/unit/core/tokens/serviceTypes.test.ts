import { describe, expect, it } from 'vitest';
import type { AuditPageService } from '../../../../main/core/audit/createAuditService.js';
import type { TokenService } from '../../../../main/core/tokens/createTokenService.js';
import type { AuditService, TokensService } from '../../../../main/core/services.js';

// The core's services must stay usable where main/serviceTypes.ts's are expected;
// these assignments fail to compile (npx tsc -b) if the two ever drift apart.
type Assignable<A, B> = [A] extends [B] ? ([B] extends [A] ? 'exact' : 'assignable') : 'no';
const tokens: Assignable<TokenService, TokensService> = 'assignable';
const audit: Assignable<AuditPageService, AuditService> = 'exact';

describe('service shapes', () => {
  it('match main/serviceTypes.ts', () => {
    expect([tokens, audit]).toEqual(['assignable', 'exact']);
  });
});
