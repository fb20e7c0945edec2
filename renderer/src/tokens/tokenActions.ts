import { needsSigningApproval, type AccountView, type CopyFormat, type ErrorData, type MintOptions, type Result, type SigningPreviewView, type TokenView } from '../../../preload/contract';
import { describeError } from '../shared/errors.js';
import { clipboardText, formatDateTime } from '../shared/format.js';
import { COPY_FORMAT_LABELS, KIND_NAMES } from '../shared/labels.js';
import { REVOKE_UNDO_MS } from './tokens.svelte.js';
import type { Session } from '../session/session.svelte.js';

const name = (t: TokenView): string => `${t.accountLabel} ${KIND_NAMES[t.kind].toLowerCase()}`;

/** An action that failed: a toast that says what happened and what to do, and the same said aloud. */
function reportFailure(session: Session, action: string, error: ErrorData): void {
  const { title, detail } = describeError(error, session.clock.now);
  session.toasts.show({ kind: 'error', title: `${action} failed — ${title}`, detail });
  session.announce(`${action} failed: ${detail}`);
}

/** Copies through main (main writes and later clears the clipboard); reports the outcome. */
export async function copyToken(session: Session, token: TokenView, format?: CopyFormat): Promise<boolean> {
  const r = await session.tokens.copy(token.id, format);
  if (!r.ok) {
    reportFailure(session, 'Copy', r.error);
    return false;
  }
  session.clipboard.copied(token.id, token.accountLabel, r.value);
  session.announce(`${COPY_FORMAT_LABELS[r.value.format].name} of ${name(token)} copied. ${clipboardText(r.value.clearsAt, session.clock.now)}.`);
  return true;
}

/**
 * One click, then a few seconds to change one's mind: the row reads "Revoking…" with an Undo, and so
 * does a toast; only then is main asked (a revoke cannot be taken back once the server has it).
 */
export async function revokeToken(session: Session, token: TokenView): Promise<void> {
  if (session.reveal.current?.tokenId === token.id) session.reveal.hide();
  const toast = session.toasts.show({
    kind: 'info',
    title: `Revoking ${name(token)}`,
    detail: `${token.preview} · in ${REVOKE_UNDO_MS / 1000} seconds`,
    lifetimeMs: REVOKE_UNDO_MS,
    action: { label: 'Undo', run: () => undoRevoke(session, token) },
  });
  session.announce(`Revoking ${name(token)} in ${REVOKE_UNDO_MS / 1000} seconds. Undo is in the notification.`);
  const r = await session.tokens.revokeLater(token.id);
  session.toasts.dismiss(toast);
  if (r === null) return;
  if (r.ok) {
    session.announce(r.value.state === 'revoke_failed' ? `Revoking ${name(token)} failed.` : `${name(token)} revoked.`);
    return;
  }
  reportFailure(session, 'Revoke', r.error);
}

/** Undo of a revoke still waiting: nothing was sent, the token stays as it was. */
export function undoRevoke(session: Session, token: TokenView): void {
  if (session.tokens.undoRevoke(token.id)) session.announce(`Revoke of ${name(token)} undone; nothing was sent.`);
}

/**
 * Revoke all (one account, or every account): "revoke now", with no undo. The button says so before
 * the click (REVOKE_ALL_HINT); main asks the person once, in its own dialog, and decides.
 */
export async function revokeAllOf(session: Session, account: AccountView | null): Promise<void> {
  const r = await session.api.revokeAll(account?.id ?? null);
  if (!r.ok) {
    if (r.error.code === 'NOT_CONFIRMED') {
      session.announce('Nothing was revoked.');
      return;
    }
    reportFailure(session, 'Revoke all', r.error);
    return;
  }
  await session.tokens.load();
  const { revoked, failed } = r.value;
  const text = `${revoked} revoked${failed ? `, ${failed} failed — retry them from their rows` : ''}.`;
  session.toasts.show({ kind: failed ? 'warning' : 'success', title: account ? `${account.label}: ${text}` : `All accounts: ${text}`, detail: undefined });
  session.announce(text);
}

/** What Revoke all does, said before the click (its tooltip and accessible description). */
export const REVOKE_ALL_HINT = 'Revokes them at once, with no undo: Token Vault asks you to confirm first.';

/** Clears an account's history (its revoked and expired tokens) from the vault. */
export async function clearHistoryOf(session: Session, accountId: string, label: string): Promise<void> {
  // A bulk removal: main asks the person.
  const r = await session.api.clearHistory(accountId);
  if (!r.ok && r.error.code === 'NOT_CONFIRMED') {
    session.announce(`History of ${label} kept.`);
    return;
  }
  if (!r.ok) {
    reportFailure(session, 'Clearing history', r.error);
    return;
  }
  await session.tokens.load();
  const n = r.value.removed;
  session.toasts.show({ kind: 'success', title: 'History cleared', detail: `${label} · ${n} ${n === 1 ? 'token' : 'tokens'} removed` });
  session.announce(`History of ${label} cleared: ${n} ${n === 1 ? 'token' : 'tokens'} removed.`);
}

/** Shows the value once, on an explicit click; RevealStore hides it again. */
export async function revealToken(session: Session, token: TokenView): Promise<void> {
  const error = await session.reveal.show(token.id);
  if (!error) {
    session.announce(`Value of ${name(token)} shown. It hides in 20 seconds or when you leave it.`);
    return;
  }
  reportFailure(session, 'Reveal', error);
}

/**
 * The Mint button of an account: Azion session tokens mint at once (they always live 24 h); personal
 * tokens and Ocean tokens open the dialog for a lifetime (and, for Ocean, the signing preview).
 */
export async function startMint(session: Session, account: AccountView): Promise<void> {
  if (needsSigningApproval(account.config) || account.config.mode === 'personal') {
    session.nav.openMint(account.id);
    return;
  }
  const r = await mintToken(session, account, {});
  if (!r.ok) reportFailure(session, 'Mint', r.error);
}

/**
 * Every mint goes through here (the Mint button, the mint dialog): a success is toasted and announced
 * here; a failure is handed back for the caller to show (the button as a toast, the dialog inline).
 */
export async function mintToken(session: Session, account: AccountView, options: MintOptions): Promise<Result<TokenView>> {
  const r = await session.tokens.mint(account.id, options);
  if (!r.ok) return r;
  const what = KIND_NAMES[r.value.kind];
  // With no expiry asked for, Azion mints a session token, which always lives 24 hours.
  const detail = options.expiresAt === undefined ? `${account.label} · valid for 24 hours` : `${account.label} · expires ${formatDateTime(r.value.expiresAt)}`;
  session.toasts.show({ kind: 'success', title: `${what} minted`, detail });
  session.announce(`${what} minted for ${account.label}.`);
  return r;
}

/** Ocean signs with the account's key: what will be signed, for the person to approve before it is. */
export function previewMint(session: Session, account: AccountView, options: MintOptions): Promise<Result<SigningPreviewView>> {
  return session.tokens.previewMint(account.id, options);
}
