import { describe, expect, it } from 'vitest';
import type { AccountRecord } from '../../../../main/core/vault/vaultRecords.js';
import type { TokenKind, TokenView } from '../../../../preload/contract.js';
import { azionAccount, HOUR, makeHarness, oceanAccount, type Harness } from './harness.js';

const cases: Array<{ kind: TokenKind; account: AccountRecord; header: (v: string) => string }> = [
  { kind: 'azion-session', account: azionAccount('az-s', 'session'), header: (v) => `Authorization: Token ${v}` },
  { kind: 'azion-personal', account: azionAccount('az-p', 'personal'), header: (v) => `Authorization: Token ${v}` },
  { kind: 'ocean-provider', account: oceanAccount('oc-p', 'provider'), header: (v) => `AuthToken: ${v}` },
  { kind: 'ocean-node', account: oceanAccount('oc-n', 'node'), header: (v) => `Authorization: ${v}` },
];

async function mint(h: Harness, account: AccountRecord, expiresAt: number): Promise<TokenView> {
  if (account.config.kind === 'ocean') {
    const preview = await h.service.previewMint(account.id, { expiresAt });
    return h.service.mint(account.id, { previewId: preview.previewId });
  }
  return h.service.mint(account.id, { expiresAt, name: 'ci' });
}

describe('mint → list → copy → revoke', () => {
  for (const { kind, account, header } of cases) {
    it(`works end to end for ${kind}`, async () => {
      const h = makeHarness({ accounts: [account] });
      const wanted = h.clock.now() + 2 * HOUR;
      const view = await mint(h, account, wanted);

      expect(view.kind).toBe(kind);
      expect(view.state).toBe('active');
      expect(view.accountLabel).toBe(account.label);
      expect(view.provider).toBe(account.config.kind);
      if (kind !== 'azion-session') expect(Math.abs(view.expiresAt - wanted)).toBeLessThan(1000);
      const stored = h.vault.read().tokens[0]!;
      const value = stored.value;
      expect(view.preview).toBe(`${value.slice(0, 4)}…${value.slice(-4)}`);
      if (kind === 'azion-personal') expect(stored.serverId).toMatch(/^uuid-/);

      // Listed at once, in the list call and in the event.
      expect((await h.service.list()).map((t) => t.id)).toEqual([view.id]);
      const lastEvent = h.tokensChanged().at(-1);
      expect(lastEvent).toMatchObject({ type: 'tokens-changed', tokens: [{ id: view.id }] });

      const copied = await h.service.copy(view.id, 'header');
      expect(h.clipboard.text).toBe(header(value));
      expect(copied.clearsAt).toBe(h.clock.now() + h.settings.clipboardClearSeconds * 1000);

      const revoked = await h.service.revoke(view.id);
      expect(revoked.state).toBe('revoked');
      expect(h.vault.read().tokens[0]!.state).toBe('revoked');
      const provider = account.config.kind === 'azion' ? h.azion : h.ocean;
      expect(provider.calls.revoke).toHaveLength(1);
      expect(provider.calls.revoke[0]!.token.value).toBe(value);
      expect(provider.calls.revoke[0]!.token.serverId).toBe(stored.serverId);

      const actions = h.vault.read().audit.map((e) => [e.action, e.outcome]);
      expect(actions).toEqual([['mint', 'ok'], ['copy', 'ok'], ['revoke', 'ok']]);
      expect(await h.audit.verify()).toEqual({ ok: true });

      // The value never reaches the renderer, the audit trail or the log.
      const outward = JSON.stringify([h.events, h.vault.read().audit, await h.service.list()]);
      expect(outward).not.toContain(value);
      expect(h.logs.join('\n')).not.toContain(value);
    });
  }

  it('emits the state revoking while the server call runs', async () => {
    const account = azionAccount('a', 'session');
    const h = makeHarness({ accounts: [account] });
    const view = await h.service.mint('a', {});
    let release!: () => void;
    h.azion.script.revoke.push(() => new Promise((resolve) => (release = () => resolve('revoked'))));
    const pending = h.service.revoke(view.id);
    await h.clock.flush(20);
    expect((await h.service.list())[0]!.state).toBe('revoking');
    expect(h.tokensChanged().at(-1)).toMatchObject({ tokens: [{ state: 'revoking' }] });
    // A second click joins the first call instead of starting another.
    const again = h.service.revoke(view.id);
    release();
    expect((await pending).state).toBe('revoked');
    expect((await again).state).toBe('revoked');
    expect(h.azion.calls.revoke).toHaveLength(1);
  });

  it('registers minted and loaded values with the redactor', async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'session')] });
    await h.service.mint('a', {});
    const value = h.vault.read().tokens[0]!.value;
    expect(h.redactor.redact(`x ${value} y`)).not.toContain(value);
    const restarted = h.restart();
    expect(restarted.redactor.redact(`x ${value} y`)).not.toContain(value);
  });

  it('keeps absolute expiry across a restart, so the remaining time is right', async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'personal')] });
    const expiresAt = h.clock.now() + 3 * HOUR;
    await h.service.mint('a', { expiresAt });
    h.clock.jump(2 * HOUR + 50 * 60_000);
    const after = h.restart();
    const [view] = await after.service.list();
    expect(view!.expiresAt).toBe(expiresAt);
    expect(view!.expiresAt - after.clock.now()).toBe(10 * 60_000);
    expect(view!.state).toBe('expiring');
  });

  it('refuses an Ocean mint without an approved preview, or with another account\'s preview', async () => {
    const h = makeHarness({ accounts: [oceanAccount('o1', 'provider'), oceanAccount('o2', 'provider')] });
    await expect(h.service.mint('o1', { expiresAt: h.clock.now() + HOUR })).rejects.toMatchObject({
      code: 'BAD_ARGUMENT',
      message: expect.stringMatching(/^Approve the signing preview first/),
      // Trying again the same way cannot work: the window must ask for a preview first.
      retryable: false,
    });
    const other = await h.service.previewMint('o2', { expiresAt: h.clock.now() + HOUR });
    await expect(h.service.mint('o1', { previewId: other.previewId })).rejects.toMatchObject({ code: 'BAD_ARGUMENT' });
    expect(h.ocean.calls.mint).toHaveLength(0);
  });

  it('lets a preview sign once and only for a few minutes', async () => {
    const h = makeHarness({ accounts: [oceanAccount('o', 'node')] });
    const preview = await h.service.previewMint('o', { expiresAt: h.clock.now() + HOUR });
    expect(preview).toMatchObject({ flavour: 'node', address: '0x00000000000000000000000000000000000000A1' });
    const view = await h.service.mint('o', { previewId: preview.previewId });
    expect(h.ocean.calls.mint[0]!.approved).toEqual(expect.objectContaining({ nonce: preview.nonce, message: preview.message }));
    expect(view.expiresAt).toBe(preview.expiresAt);
    await expect(h.service.mint('o', { previewId: preview.previewId })).rejects.toMatchObject({ code: 'BAD_ARGUMENT' });

    const stale = await h.service.previewMint('o', { expiresAt: h.clock.now() + HOUR });
    h.clock.jump(6 * 60_000);
    await expect(h.service.mint('o', { previewId: stale.previewId })).rejects.toMatchObject({ code: 'BAD_ARGUMENT' });
  });

  it('refuses a preview for Azion and an expiry in the past', async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'personal')] });
    await expect(h.service.previewMint('a', {})).rejects.toMatchObject({ code: 'BAD_ARGUMENT' });
    await expect(h.service.mint('a', { expiresAt: h.clock.now() - 1 })).rejects.toMatchObject({ code: 'BAD_ARGUMENT' });
    await expect(h.service.mint('missing', {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('audits a failed mint with its code and stores nothing', async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'session')] });
    const { AppError } = await import('../../../../main/core/errors.js');
    h.azion.script.mint.push(new AppError('BAD_CREDENTIALS'));
    await expect(h.service.mint('a', {})).rejects.toMatchObject({ code: 'BAD_CREDENTIALS' });
    expect(h.vault.read().tokens).toEqual([]);
    expect(h.vault.read().audit.map((e) => [e.action, e.outcome])).toEqual([['mint', 'BAD_CREDENTIALS']]);
  });

  it('revokes a fresh token again when the vault cannot store it', async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'personal')] });
    h.vault.failPersist = true;
    const error = await h.service.mint('a', { expiresAt: h.clock.now() + HOUR }).catch((e: unknown) => e);
    expect(error).toMatchObject({ message: expect.stringContaining('revoked again') });
    const value = h.azion.minted[0]!;
    expect(h.azion.calls.revoke.map((r) => r.token.value)).toEqual([value]);
    expect(String((error as Error).message)).not.toContain(value);
    h.vault.failPersist = false;
    expect(await h.service.list()).toEqual([]);
  });

  it('reports when an unsaved token could not be revoked either, without its value', async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'personal')] });
    const { AppError } = await import('../../../../main/core/errors.js');
    h.vault.failPersist = true;
    h.azion.script.revoke.push(new AppError('NETWORK'));
    const error = (await h.service.mint('a', { expiresAt: h.clock.now() + HOUR }).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/stays valid on the server until/);
    expect(error.message).not.toContain(h.azion.minted[0]!);
  });
});
