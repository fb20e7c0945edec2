import { AppError } from '../../errors.js';
import type { MintRequest } from '../../providers/types.js';
import type { TokensService } from '../../services.js';
import { accountRequest } from '../accountRequest.js';
import { checkExpiry } from '../checkExpiry.js';
import { signingStatement } from '../signingStatement.js';
import type { TokenRuntime } from '../TokenRuntime.js';

type PreviewMint = TokensService['previewMint'];

/** What an Ocean mint would sign, kept in memory under a previewId the mint must come back with. */
export async function previewMint(runtime: TokenRuntime, accountId: string, options: Parameters<PreviewMint>[1]): ReturnType<PreviewMint> {
  const account = runtime.requireAccount(accountId);
  checkExpiry(options.expiresAt, runtime.now());
  const provider = runtime.provider(account.config.kind);
  if (!provider.previewMint) throw new AppError('BAD_ARGUMENT', 'This account signs nothing: mint its token directly.');
  const request: MintRequest = accountRequest(runtime, account);
  // Stryker disable next-line ConditionalExpression: a provider reads an undefined expiresAt as none
  if (options.expiresAt !== undefined) request.expiresAt = options.expiresAt;
  const preview = await provider.previewMint(request);
  const previewId = runtime.newId();
  runtime.previews.put(previewId, accountId, preview);
  return { previewId, ...preview, statement: signingStatement(preview) };
}
