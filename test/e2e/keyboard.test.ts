/**
 * The app with the keyboard only, in real Chromium on the real renderer, preload and main-process
 * handlers (the harness), against a fake Azion: set up → add an account → mint → copy → revoke →
 * settings → lock → unlock. After every step it checks where focus is (never on the page itself,
 * <body>) and audits the window with axe-core at WCAG 2.2 AA plus best practice in both colour
 * schemes. main's questions are answered by the harness's approving presence, as the person would.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAzion, type FakeAzion } from '../fakes/index.js';
import { auditBothSchemes } from '../../tools/ui-preview/axeAudit.js';
import { launchApp, type LaunchedApp } from './harness/launchApp.js';

// Test-only secrets: they exist in this file and inside the local fake, nowhere else.
const MASTER = 'keyboard e2e master password 2026';
const AZION_EMAIL = 'keys@example.com';
const AZION_PASSWORD = 'keyboard-e2e-azion-password-not-real';

/** What has focus, for failure messages: tag, role and name or text. */
const describeFocus = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return '<body> (focus fell to the page)';
    const name = el.getAttribute('aria-label') ?? (el as HTMLElement).innerText?.trim().slice(0, 60) ?? '';
    return `<${el.tagName.toLowerCase()}${el.id ? ` id="${el.id}"` : ''}${el.getAttribute('role') ? ` role="${el.getAttribute('role')}"` : ''}> ${name}`;
  });

/** Waits until `target` holds focus (focus may move a task after the change that moves it). */
async function expectFocus(page: Page, target: Locator, step: string): Promise<void> {
  const ok = await target
    .and(page.locator(':focus'))
    .waitFor({ timeout: 5_000 })
    .then(
      () => true,
      () => false,
    );
  if (!ok) expect.fail(`after ${step}, focus should be on ${target} but is on ${await describeFocus(page)}`);
}

/** Presses Tab (Shift+Tab with back) until `target` holds focus, as a person would. */
async function tabTo(page: Page, target: Locator, back = false): Promise<void> {
  const here = target.and(page.locator(':focus'));
  for (let i = 0; i < 40; i++) {
    if ((await here.count()) === 1) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  expect.fail(`Tab never reached ${target}; focus is on ${await describeFocus(page)}`);
}

/** Selects what a field holds and types over it. */
async function typeOver(page: Page, text: string): Promise<void> {
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

describe('the app by keyboard alone: focus after every step, and axe-clean at each', () => {
  let app: LaunchedApp;
  let azion: FakeAzion;
  const violations: string[] = [];
  const audit = async (step: string): Promise<void> => {
    violations.push(...(await auditBothSchemes(app.page, step, 'dark')));
  };

  beforeAll(async () => {
    azion = await startFakeAzion({ accounts: [{ email: AZION_EMAIL, password: AZION_PASSWORD }] });
    app = await launchApp({ colorScheme: 'dark' });
  });
  afterAll(async () => {
    await app?.close();
    await azion?.close();
  });

  const heading = (name: string): Locator => app.page.getByRole('heading', { level: 1, name, exact: true });

  it('sets up the vault: starts in the password field, lands on the Tokens heading', async () => {
    const { page } = app;
    await expectFocus(page, page.getByLabel('Master password', { exact: true }), 'opening the window');
    await audit('setup');
    await page.keyboard.type(MASTER);
    await tabTo(page, page.getByLabel('Confirm master password', { exact: true }));
    await page.keyboard.type(MASTER);
    await page.keyboard.press('Enter');
    await expect.poll(() => app.services.vault.status()).toBe('unlocked');
    await expectFocus(page, heading('Tokens'), 'creating the vault');
    await audit('unlocked, no accounts');
  });

  it('adds an account: the dialog opens in Name, the provider radios keep focus, focus returns', async () => {
    const { page } = app;
    await tabTo(page, page.getByRole('button', { name: 'Add account' }));
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Add account' });
    await expectFocus(page, dialog.getByLabel('Name', { exact: true }), 'opening Add account');
    await audit('add account');
    // Arrow keys move between the providers and focus stays on the radios (it used to jump to Name).
    await page.keyboard.press('Shift+Tab');
    await expectFocus(page, dialog.getByRole('radio', { name: 'Azion' }), 'Shift+Tab from Name');
    await page.keyboard.press('ArrowRight');
    await expectFocus(page, dialog.getByRole('radio', { name: 'Ocean Protocol', checked: true }), 'choosing Ocean Protocol');
    await page.keyboard.press('ArrowLeft');
    await expectFocus(page, dialog.getByRole('radio', { name: 'Azion', checked: true }), 'choosing Azion again');
    await page.keyboard.press('Tab');
    await expectFocus(page, dialog.getByLabel('Name', { exact: true }), 'Tab from the providers');
    await page.keyboard.type('azion-prod');
    await tabTo(page, dialog.getByLabel('Email', { exact: true }));
    await page.keyboard.type(AZION_EMAIL);
    await tabTo(page, dialog.getByLabel('Password', { exact: true }));
    await page.keyboard.type(AZION_PASSWORD);
    await tabTo(page, dialog.getByText('Advanced: API endpoints'));
    await page.keyboard.press('Enter');
    for (const label of ['Auth base (session tokens)', 'API base (personal tokens)', 'Check base (token validity)']) {
      await tabTo(page, dialog.getByLabel(label, { exact: true }));
      await typeOver(page, azion.url);
    }
    await audit('add account, filled');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    expect((await app.services.accounts.list()).map((a) => a.label)).toEqual(['azion-prod']);
    // The button that opened it was the empty list's, which the new account replaced.
    await expectFocus(page, heading('Tokens'), 'adding the account (its opener is gone)');
    await audit('account added');
  });

  it('mints, copies and revokes from the keyboard, focus staying with the token', async () => {
    const { page } = app;
    const mint = page.getByRole('button', { name: 'Mint session token for azion-prod' });
    await tabTo(page, mint);
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await app.services.tokens.list()).length).toBe(1);
    const token = (await app.services.tokens.list())[0]!;
    const row = page.locator(`li[data-token="${token.id}"]`);
    await row.waitFor();
    await expectFocus(page, mint, 'minting');
    await audit('minted');

    await tabTo(page, row.getByRole('button', { name: /^Copy azion-prod/ }));
    await page.keyboard.press('Enter');
    const value = app.services.vault.read().tokens.find((t) => t.id === token.id)!.value;
    await expect.poll(() => app.clipboard.text).toBe(value);
    // Its name says what it shows.
    await expectFocus(page, row.getByRole('button', { name: /^Copied azion-prod/ }), 'copying');
    await audit('copied');

    await tabTo(page, row.getByRole('button', { name: /^Revoke azion-prod/ }));
    await page.keyboard.press('Enter');
    await row.getByRole('button', { name: /^Undo revoke of azion-prod/ }).waitFor();
    await expectFocus(page, row.locator(':scope, *'), 'revoking (the Undo window)');
    await audit('revoking, undo offered');
    await expect.poll(async () => (await app.services.tokens.list())[0]?.state, { timeout: 15_000 }).toBe('revoked');
    // Revoked, the row goes into the account's collapsed history: focus goes to the screen's heading.
    await row.waitFor({ state: 'detached' });
    await expectFocus(page, heading('Tokens'), 'the revoke (its row went into the history)');
  });

  it('settings: Ctrl+4 lands on its heading; a weakening asks the password and Esc gives focus back', async () => {
    const { page } = app;
    await page.keyboard.press('Control+4');
    await expectFocus(page, heading('Settings'), 'Ctrl+4');
    await audit('settings');
    const sleep = page.getByRole('checkbox', { name: /Lock on sleep/ });
    await tabTo(page, sleep);
    await page.keyboard.press('Space');
    const dialog = page.getByRole('dialog', { name: 'Confirm with your master password' });
    await expectFocus(page, dialog.getByLabel('Master password', { exact: true }), 'turning off Lock on sleep');
    await audit('settings, weakening asks the password');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expectFocus(page, sleep, 'Esc on the password dialog');
    expect(await sleep.isChecked()).toBe(true);
    expect(app.services.settings.current().lockOnSleep).toBe(true);
  });

  it('locks with Ctrl+L into the password field, and unlocks onto the Tokens heading', async () => {
    const { page } = app;
    await page.keyboard.press('Control+L');
    await expect.poll(() => app.services.vault.status()).toBe('locked');
    await expectFocus(page, page.getByLabel('Master password', { exact: true }), 'locking');
    await audit('locked');
    await page.keyboard.type(MASTER);
    await page.keyboard.press('Enter');
    await expect.poll(() => app.services.vault.status()).toBe('unlocked');
    await expectFocus(page, heading('Tokens'), 'unlocking');
  });

  it('found no axe-core violation at any step, in either colour scheme', () => {
    expect(violations).toEqual([]);
  });
});
