import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAzion, startFakeOceanProvider, type FakeAzion, type FakeOceanProvider } from '../fakes/index.js';
import { auditBothSchemes } from '../../tools/ui-preview/axeAudit.js';
import { launchApp, type LaunchedApp } from './harness/launchApp.js';

// Test-only secrets: they exist in this file and inside the local fakes, nowhere else.
const MASTER = 'e2e master password 2026';
const AZION_EMAIL = 'ops@example.com';
const AZION_PASSWORD = 'e2e-azion-password-not-real';
// The public Hardhat/Anvil test key #0 (vectors.json): a well-known test key, never a real one.
const HARDHAT_KEY_0 = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
const HARDHAT_ADDRESS_0 = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/e2e/${name}.png` });
/** axe-core findings (WCAG 2.2 AA + best practice, both themes) at the shots below, checked at the end. */
const violations: string[] = [];
/** The picture, and the window at that moment audited with axe-core. */
const shotAndAudit = async (page: Page, name: string): Promise<void> => {
  await shot(page, name);
  violations.push(...(await auditBothSchemes(page, name, 'dark')));
};

async function fillDialog(page: Page, fields: Record<string, string>): Promise<void> {
  const dialog = page.getByRole('dialog');
  for (const [label, value] of Object.entries(fields)) await dialog.getByLabel(label, { exact: true }).fill(value);
}

describe('the app end to end, against fake Azion and Ocean peers', () => {
  let app: LaunchedApp;
  let azion: FakeAzion;
  let ocean: FakeOceanProvider;
  /** Every string main sent to the page: results are checked below, events through app.events. */
  const received = (): string => JSON.stringify(app.events);

  beforeAll(async () => {
    azion = await startFakeAzion({ accounts: [{ email: AZION_EMAIL, password: AZION_PASSWORD }] });
    ocean = await startFakeOceanProvider();
    app = await launchApp();
  });
  afterAll(async () => {
    await app?.close();
    await azion?.close();
    await ocean?.close();
  });

  it('sets up a vault with a master password typed twice', async () => {
    const { page } = app;
    await page.getByLabel('Master password', { exact: true }).fill(MASTER);
    await page.getByLabel('Confirm master password', { exact: true }).fill(MASTER);
    await shotAndAudit(page, '10-setup-filled');
    await page.getByRole('button', { name: 'Create vault' }).click();
    await expect.poll(() => app.services.vault.status()).toBe('unlocked');
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await shotAndAudit(page, '11-unlocked-empty');
  });

  it('adds an Azion account and an Ocean account; secrets never come back', async () => {
    const { page } = app;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: /Accounts/ }).click();
    await page.getByRole('button', { name: /Add account/ }).first().click();
    await fillDialog(page, { Name: 'azion-prod', Email: AZION_EMAIL, Password: AZION_PASSWORD });
    await page.getByRole('dialog').locator('summary').click();
    await fillDialog(page, { 'Auth base (session tokens)': azion.url, 'API base (personal tokens)': azion.url, 'Check base (token validity)': azion.url });
    await shotAndAudit(page, '12-add-azion');
    await page.getByRole('dialog').getByRole('button', { name: 'Add account' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    await page.getByRole('button', { name: /Add account/ }).first().click();
    await page.getByRole('dialog').getByRole('radio', { name: 'Ocean Protocol' }).click();
    await fillDialog(page, { Name: 'ocean-market', 'Provider URL': ocean.url, 'Private key (hex)': HARDHAT_KEY_0 });
    await page.getByRole('dialog').getByRole('button', { name: 'Add account' }).click();
    await page.getByRole('dialog').getByText(HARDHAT_ADDRESS_0).waitFor();
    await shotAndAudit(page, '13-ocean-added');
    await page.getByRole('dialog').getByRole('button', { name: 'Done' }).click();
    await shotAndAudit(page, '14-accounts');

    const accounts = (await app.services.accounts.list()).map((a) => a.label).sort();
    expect(accounts).toEqual(['azion-prod', 'ocean-market']);
    expect(received()).not.toContain(AZION_PASSWORD);
    expect(received()).not.toContain(HARDHAT_KEY_0.slice(2));
  });

  it('mints an Azion session token, copies it (main writes the clipboard), and revokes it in one click', async () => {
    const { page } = app;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: /Tokens/ }).click();
    await page.getByRole('button', { name: /Mint session token for azion-prod/ }).click();
    const dialog = page.getByRole('dialog');
    if (await dialog.isVisible().catch(() => false)) await dialog.getByRole('button', { name: 'Mint token' }).click();
    await expect.poll(async () => (await app.services.tokens.list()).length).toBe(1);
    expect(azion.sessions().size).toBe(1);
    const token = (await app.services.tokens.list())[0]!;
    const value = app.services.vault.read().tokens.find((t) => t.id === token.id)!.value;
    await page.getByRole('button', { name: new RegExp(`^Copy azion-prod`) }).first().waitFor();
    await shot(page, '15-minted');

    await page.getByRole('button', { name: /^Copy azion-prod/ }).first().click();
    await expect.poll(() => app.clipboard.text).toBe(value);
    await page.getByText(/Copied/).first().waitFor();
    await shotAndAudit(page, '16-copied');
    // The renderer got a preview, never the value.
    expect(received()).not.toContain(value);
    expect(await page.content()).not.toContain(value);

    // A script in the window cannot reveal on its own: main saw no recent input from the person.
    app.presence.forgetInput();
    const silent = (await page.evaluate(async (id) => window.vault.reveal(id), token.id)) as { ok: boolean; error?: { code: string } };
    expect(silent).toMatchObject({ ok: false, error: { code: 'INPUT_REQUIRED' } });
    // The person's click is real input, which the harness presence (like main's input-event) sees.
    await page.getByRole('button', { name: /^Reveal value of azion-prod/ }).first().click();
    const shown = page.getByRole('textbox', { name: 'Token value' });
    await expect.poll(() => shown.inputValue()).toBe(value);
    await page.getByRole('button', { name: 'Hide', exact: true }).click();
    await shown.waitFor({ state: 'detached' });

    // One click, then a few seconds with an Undo before main is asked.
    const deletes = (): number => azion.requests.filter((r) => r.method === 'DELETE').length;
    const before = deletes(); // saving the account checked its password with a session it revoked
    await page.getByRole('button', { name: /^Revoke azion-prod/ }).first().click();
    await page.getByRole('button', { name: 'Undo' }).first().waitFor();
    await shotAndAudit(page, '17-revoke-undo');
    expect(deletes()).toBe(before);
    await expect.poll(async () => (await app.services.tokens.list())[0]?.state, { timeout: 15_000 }).toBe('revoked');
    // Revoked, it moves to the account's collapsed history.
    await page.getByRole('button', { name: /^History/ }).first().click();
    await page.locator('li[data-state="revoked"]').first().waitFor();
    await shot(page, '17-revoked');
    expect(deletes()).toBe(before + 1);
  });

  it('mints an Ocean token only after the signing preview is approved', async () => {
    const { page } = app;
    await page.getByRole('button', { name: /Mint token… for ocean-market/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Review signature…' }).click();
    const preview = page.getByLabel('Signing preview');
    await preview.waitFor();
    await expect.poll(() => preview.textContent()).toContain(HARDHAT_ADDRESS_0);
    await shotAndAudit(page, '18-ocean-preview');
    expect(ocean.requests.filter((r) => r.path.includes('createAuthToken'))).toHaveLength(0);
    await page.getByRole('dialog').getByRole('button', { name: 'Approve and mint' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    // The approval that counted was main's own dialog, showing what is signed and what it proves.
    const approval = app.presence.prompts.at(-1)!;
    expect(approval.title).toBe('Approve signature');
    expect(approval.detail).toContain(HARDHAT_ADDRESS_0);
    expect(approval.detail).toContain('The expiry and the server\'s address are not signed');
    await expect.poll(() => ocean.requests.filter((r) => r.path.includes('createAuthToken')).length).toBe(1);
    await page.getByRole('button', { name: /^Copy ocean-market/ }).first().waitFor();
    await shot(page, '19-ocean-minted');
  });

  it('shows a failing provider\'s message', async () => {
    const { page } = app;
    azion.failNext({ status: 502, body: '<html><body>Bad gateway</body></html>', headers: { 'content-type': 'text/html' } });
    await page.getByRole('button', { name: /Mint session token for azion-prod/ }).click();
    const dialog = page.getByRole('dialog');
    if (await dialog.isVisible().catch(() => false)) await dialog.getByRole('button', { name: 'Mint token' }).click();
    await page.getByText(/Mint failed/).first().waitFor();
    await expect.poll(() => page.getByText(/had a server problem \(HTTP 502\)/).count()).toBeGreaterThan(0);
    await shotAndAudit(page, '20-provider-error');
  });

  it('locks, unlocks, and still lists the tokens with the right remaining time', async () => {
    const { page } = app;
    const before = (await app.services.tokens.list()).find((t) => t.provider === 'ocean')!;
    await page.getByRole('button', { name: /Lock vault/ }).click();
    await expect.poll(() => app.services.vault.status()).toBe('locked');
    await shotAndAudit(page, '21-locked');
    expect(await page.content()).not.toContain('ocean-market');
    await page.getByLabel('Master password', { exact: true }).fill(MASTER);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('button', { name: /^Copy ocean-market/ }).first().waitFor();
    const after = (await app.services.tokens.list()).find((t) => t.id === before.id)!;
    expect(after.expiresAt).toBe(before.expiresAt);
    const shown = await page.getByRole('list', { name: /Tokens of ocean-market/ }).textContent();
    expect(shown).toMatch(/\d+m \d{2}s|\d+h \d+m/);
    await shot(page, '22-unlocked-again');
  });

  it('shows the accounts, a verified audit trail and the settings after unlock', async () => {
    const { page } = app;
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('button', { name: /Accounts/ }).click();
    await page.getByText(HARDHAT_ADDRESS_0).first().waitFor();
    await page.getByText('azion-prod').first().waitFor();
    await shotAndAudit(page, '23-accounts-after-unlock');

    await nav.getByRole('button', { name: /Audit/ }).click();
    await page.getByRole('heading', { level: 1, name: /Audit/ }).waitFor();
    const audit = await app.services.audit.page({ offset: 0, limit: 100 });
    expect(audit.chain).toEqual({ ok: true });
    expect(new Set(audit.entries.map((e) => e.action))).toEqual(new Set(['account', 'mint', 'copy', 'reveal', 'revoke', 'lock', 'unlock']));
    await shotAndAudit(page, '24-audit');

    await nav.getByRole('button', { name: /Settings/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await shotAndAudit(page, '25-settings');
  });

  it('found no axe-core violation in any of those states, in either colour scheme', () => {
    expect(violations).toEqual([]);
  });
});
