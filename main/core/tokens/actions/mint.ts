import { needsSigningApproval } from '../../../../preload/contract.js';
import { AppError } from '../../errors.js';
import { requireConfirmed } from '../../presence/requireConfirmed.js';
import type { TokensService } from '../../services.js';
import { checkExpiry } from '../checkExpiry.js';
import { mintToken, type MintPlan } from '../mintToken.js';
import { signingPrompt } from '../signingPrompt.js';
import type { TokenRuntime } from '../TokenRuntime.js';

type Mint = TokensService['mint'];

const APPROVE_FIRST = 'Approve the signing preview first: ask for a preview, check it, then mint with its previewId.';

/** Mints a token the person asked for; an account that signs needs an approved preview and main's own dialog. */
export async function mint(runtime: TokenRuntime, accountId: string, options: Parameters<Mint>[1]): ReturnType<Mint> {
  const account = runtime.requireAccount(accountId);
  checkExpiry(options.expiresAt, runtime.now());
  const plan: MintPlan = { account };
  // Stryker disable next-line ConditionalExpression: mintToken reads an undefined expiresAt or name as none
  if (options.expiresAt !== undefined) plan.expiresAt = options.expiresAt;
  // Stryker disable next-line ConditionalExpression: as above
  if (options.name !== undefined) plan.name = options.name;
  if (needsSigningApproval(account.config)) {
    // Stryker disable next-line ConditionalExpression: no preview is listed under an undefined id, so get() gives undefined as well
    const approved = options.previewId === undefined ? undefined : runtime.previews.get(options.previewId, accountId);
    // Stryker disable next-line ConditionalExpression: the second test only narrows previewId's type; approved is undefined without an id
    if (!approved || options.previewId === undefined) throw new AppError('BAD_ARGUMENT', APPROVE_FIRST);
    // Taken before asking: one preview is one question and at most one signature, however
    // many calls the window makes with it.
    runtime.previews.delete(options.previewId);
    // The approval is main's own dialog showing exactly what is signed; the window only asked.
    await requireConfirmed(runtime.presence(), signingPrompt(account, approved), 'Sign and mint');
    // The vault may have locked, or the account changed, while the dialog was open.
    plan.account = runtime.requireAccount(accountId);
    // The person approved this exact message and expiry; mint signs exactly that.
    plan.approved = approved;
    plan.expiresAt = approved.expiresAt;
  }
  const token = await runtime.track(mintToken(runtime, plan));
  runtime.changed();
  return runtime.view(token);
}
