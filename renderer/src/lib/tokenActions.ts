import type { AccountView, CopyFormat, TokenView } from '../../../preload/contract';
import { describeError } from './errors.js';
import { clipboardText } from './format.js';
import { COPY_FORMAT_LABELS, KIND_NAMES } from './labels.js';
import type { Session } from './session.svelte.js';

const name = (t: TokenView): string => `${t.accountLabel} ${KIND_NAMES[t.kind].toLowerCase()}`;

/** Copies through main (main writes and later clears the clipboard); reports the outcome. */
export async function copyToken(session: Session, token: TokenView, format?: CopyFormat): Promise<boolean> {
  const r = await session.tokens.copy(token.id, format);
  const now = session.clock.now;
  if (!r.ok) {
    const { title, detail } = describeError(r.error, now);
    session.toasts.show({ kind: 'error', title: `Copy failed — ${title}`, detail });
    session.announce(`Copy failed: ${detail}`);
    return false;
  }
  session.clipboard.copied(token.id, token.accountLabel, r.value);
  session.announce(`${COPY_FORMAT_LABELS[r.value.format].name} of ${name(token)} copied. ${clipboardText(r.value.clearsAt, now)}.`);
  return true;
}

/** One click, no confirmation: the row shows progress, then the outcome. */
export async function revokeToken(session: Session, token: TokenView): Promise<void> {
  session.announce(`Revoking ${name(token)}…`);
  if (session.reveal.current?.tokenId === token.id) session.reveal.hide();
  const r = await session.tokens.revoke(token.id);
  if (r.ok) {
    session.announce(r.value.state === 'revoke_failed' ? `Revoking ${name(token)} failed.` : `${name(token)} revoked.`);
    return;
  }
  const { title, detail } = describeError(r.error, session.clock.now);
  session.toasts.show({ kind: 'error', title: `Revoke failed — ${title}`, detail });
  session.announce(`Revoke failed: ${detail}`);
}

/** Shows the value once, on an explicit click; RevealStore hides it again. */
export async function revealToken(session: Session, token: TokenView): Promise<void> {
  const error = await session.reveal.show(token.id);
  if (!error) {
    session.announce(`Value of ${name(token)} shown. It hides in 20 seconds or when you leave it.`);
    return;
  }
  const { title, detail } = describeError(error, session.clock.now);
  session.toasts.show({ kind: 'error', title: `Reveal failed — ${title}`, detail });
}

/**
 * The Mint button of an account: Azion session tokens mint at once (they always live 24 h); personal
 * tokens and Ocean tokens open the dialog for a lifetime (and, for Ocean, the signing preview).
 */
export async function startMint(session: Session, account: AccountView): Promise<void> {
  if (account.config.kind === 'ocean' || account.config.mode === 'personal') {
    session.minting = account.id;
    return;
  }
  const r = await session.tokens.mint(account.id, {});
  if (r.ok) {
    session.toasts.show({ kind: 'success', title: 'Session token minted', detail: `${account.label} · valid for 24 hours` });
    session.announce(`Session token minted for ${account.label}.`);
    return;
  }
  const { title, detail } = describeError(r.error, session.clock.now);
  session.toasts.show({ kind: 'error', title: `Mint failed — ${title}`, detail });
  session.announce(`Mint failed: ${detail}`);
}
