/**
 * Type-level checks, run by `vitest --typecheck` (the unit project) and by `tsc -b`: they fail at
 * compile time, where a runtime `expect(service).toBe(service)` could not fail at all.
 */
import { describe, expectTypeOf, it } from 'vitest';
import type { VaultAccounts } from '../../main/core/accounts/VaultAccounts.js';
import type { AccountsService, AuditService, SettingsService, TokensService, VaultService } from '../../main/core/services.js';
import type { AppSettings } from '../../main/core/settings/AppSettings.js';
import type { MainTokensService } from '../../main/core/tokens/createTokensService.js';
import type { Vault } from '../../main/core/vault/Vault.js';
import type { VaultAccess } from '../../main/core/vault/VaultAccess.js';
import type { Handlers } from '../../main/ipc/register.js';
import type { ApiArgsOf, ArgsOf, Channel, ResultOf, Services, VaultApi } from '../../preload/contract.js';
import type { AccountInput, CopyFormat, Result, Settings } from '../../preload/contract.js';

describe('the services implement the interfaces derived from the channel map', () => {
  it('core classes are the services the handlers call', () => {
    expectTypeOf<Vault>().toExtend<VaultService>();
    expectTypeOf<Vault>().toExtend<VaultAccess>();
    expectTypeOf<VaultAccounts>().toExtend<AccountsService>();
    expectTypeOf<AppSettings>().toExtend<SettingsService>();
    expectTypeOf<MainTokensService>().toExtend<TokensService>();
    expectTypeOf<Services['audit']>().toEqualTypeOf<AuditService>();
  });

  it('a service method has its channel’s arguments and result', () => {
    expectTypeOf<TokensService['copy']>().parameters.toEqualTypeOf<[string, CopyFormat?]>();
    expectTypeOf<TokensService['checkAccount']>().returns.resolves.toEqualTypeOf<ResultOf<'accounts:check'>>();
    expectTypeOf<SettingsService['update']>().parameters.toEqualTypeOf<ArgsOf<'settings:update'>>();
  });
});

describe('the preload API is derived from the same map', () => {
  it('one function per channel, answering with a Result', () => {
    expectTypeOf<VaultApi['copy']>().parameters.toEqualTypeOf<ApiArgsOf<'tokens:copy'>>();
    expectTypeOf<VaultApi['checkAccount']>().returns.resolves.toEqualTypeOf<Result<ResultOf<'accounts:check'>>>();
    expectTypeOf<VaultApi>().not.toHaveProperty('invoke');
    expectTypeOf<keyof Handlers>().toEqualTypeOf<Channel>();
  });

  it('argument types are the schemas’: a field the schema does not check does not exist', () => {
    expectTypeOf<ArgsOf<'accounts:add'>>().toEqualTypeOf<[AccountInput]>();
    expectTypeOf<AccountInput>().not.toHaveProperty('notInTheSchema');
    expectTypeOf<Settings>().toHaveProperty('agentGrantMinutes').toEqualTypeOf<number>();
  });
});
