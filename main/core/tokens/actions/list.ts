import type { TokenView } from '../../../../preload/contract.js';
import type { TokenRuntime } from '../TokenRuntime.js';

/** Every token as the window shows it (empty while locked: the vault throws LOCKED). */
export async function list(runtime: TokenRuntime): Promise<TokenView[]> {
  return runtime.views();
}
