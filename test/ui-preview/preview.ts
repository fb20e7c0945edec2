/**
 * Screenshots of every screen and state of the built renderer, driven by an in-page demo
 * window.vault (demoVault.js), for people to LOOK at: `npx tsx test/ui-preview/preview.ts`.
 * Builds first (set SKIP_BUILD=1 to reuse out/). Writes test-results/ui-preview/*.png.
 * Pass names to take only some shots: `npx tsx test/ui-preview/preview.ts tokens copy-menu`.
 */
import { execFileSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { openPreview, type PreviewBrowser } from './previewBrowser.js';

const ROOT = resolve(import.meta.dirname, '../..');
const OUT = join(ROOT, 'test-results/ui-preview');

type Shot = { name: string; query: string; scheme?: 'light' | 'dark'; run?: (page: Page) => Promise<void>; fullPage?: boolean };

const tokensReady = (page: Page) => page.locator('li[data-state]').first().waitFor();

const SHOTS: Shot[] = [
  { name: 'setup', query: 'scenario=setup', run: async (p) => void (await p.getByLabel('Master password', { exact: true }).waitFor()) },
  {
    name: 'setup-weak',
    query: 'scenario=setup',
    run: async (p) => {
      await p.getByLabel('Master password', { exact: true }).fill('tokenvault2024');
      await p.getByLabel('Confirm master password', { exact: true }).fill('tokenvault2025');
      await p.getByText(/Very weak|Weak|Fair/).first().waitFor();
      await p.getByRole('button', { name: 'Create vault' }).click();
      await p.getByRole('alert').first().waitFor();
    },
  },
  {
    name: 'setup-strong',
    query: 'scenario=setup',
    scheme: 'light',
    run: async (p) => {
      await p.getByLabel('Master password', { exact: true }).fill('copper lantern drifts beyond marmalade');
      await p.getByText(/Very strong|Strong/).first().waitFor();
    },
  },
  { name: 'unlock', query: 'scenario=locked', run: async (p) => void (await p.getByRole('button', { name: /Unlock with/ }).waitFor()) },
  {
    name: 'unlock-wrong-password',
    query: 'scenario=locked',
    scheme: 'light',
    run: async (p) => {
      await p.getByLabel('Master password', { exact: true }).fill('not-it');
      await p.getByRole('button', { name: 'Unlock', exact: true }).click();
      await p.getByRole('alert').waitFor();
    },
  },
  {
    name: 'damaged-vault',
    query: 'scenario=damaged',
    run: async (p) => {
      await p.getByLabel('Master password', { exact: true }).fill('demo');
      await p.getByRole('button', { name: 'Unlock', exact: true }).click();
      await p.getByRole('button', { name: 'Restore' }).first().waitFor();
    },
  },
  { name: 'tokens-dark', query: 'scenario=unlocked', run: tokensReady },
  { name: 'tokens-light', query: 'scenario=unlocked', scheme: 'light', run: tokensReady },
  {
    name: 'tokens-search',
    query: 'scenario=unlocked',
    run: async (p) => {
      await tokensReady(p);
      await p.keyboard.press('/');
      await p.keyboard.type('ocean');
      await p.getByText('shown').waitFor();
    },
  },
  {
    name: 'tokens-filter-expiring',
    query: 'scenario=unlocked',
    scheme: 'light',
    run: async (p) => {
      await tokensReady(p);
      await p.locator('.chips label', { hasText: 'Expiring' }).click();
    },
  },
  {
    name: 'keyboard-focus',
    query: 'scenario=unlocked',
    scheme: 'light',
    run: async (p) => {
      await tokensReady(p);
      await p.keyboard.press('/');
      for (let i = 0; i < 6; i++) await p.keyboard.press('Tab');
    },
  },
  { name: 'empty-no-accounts', query: 'scenario=noaccounts', run: async (p) => void (await p.getByText('No accounts yet').waitFor()) },
  { name: 'empty-no-tokens', query: 'scenario=notokens', scheme: 'light', run: async (p) => void (await p.getByText(/No tokens for this account yet/).first().waitFor()) },
  {
    name: 'copy-menu',
    query: 'scenario=unlocked',
    run: async (p) => {
      await tokensReady(p);
      await p.getByRole('button', { name: /^Copy Production API session token .* as…$/ }).first().click();
      await p.getByRole('menu').waitFor();
    },
  },
  {
    name: 'copied-and-revealed',
    query: 'scenario=unlocked',
    scheme: 'light',
    run: async (p) => {
      await tokensReady(p);
      await p.getByRole('button', { name: /^Copy Ocean market bot/ }).first().click();
      await p.getByRole('button', { name: /^Reveal value of Ocean market bot/ }).first().click();
      await p.getByRole('textbox', { name: 'Token value' }).waitFor();
    },
  },
  {
    name: 'revoke-progress',
    query: 'scenario=unlocked',
    run: async (p) => {
      await tokensReady(p);
      await p.getByRole('button', { name: /^Revoke Ocean node/ }).first().click();
    },
  },
  {
    name: 'expiry-alert',
    query: 'scenario=unlocked',
    run: async (p) => {
      await tokensReady(p);
      await p.evaluate(() => (window as unknown as { __demoEmit: (e: unknown) => void }).__demoEmit({ type: 'expiry-alert', tokenId: 't-expiring', expiresAt: Date.now() + 4 * 60_000 }));
      await p.getByText(/Expires in/).waitFor();
    },
  },
  {
    name: 'mint-azion-personal',
    query: 'scenario=unlocked',
    run: async (p) => {
      await tokensReady(p);
      await p.getByRole('button', { name: /Mint personal token… for Edge deploys/ }).click();
      await p.getByRole('dialog').waitFor();
    },
  },
  {
    name: 'mint-ocean-choose',
    query: 'scenario=unlocked',
    scheme: 'light',
    run: async (p) => {
      await tokensReady(p);
      await p.getByRole('button', { name: /Mint token… for Ocean market bot/ }).click();
      await p.getByRole('dialog').waitFor();
    },
  },
  {
    name: 'mint-ocean-preview',
    query: 'scenario=unlocked',
    run: async (p) => {
      await tokensReady(p);
      await p.getByRole('button', { name: /Mint token… for Ocean market bot/ }).click();
      await p.getByRole('button', { name: 'Review signature…' }).click();
      await p.getByText('Approve signature').waitFor();
    },
  },
  { name: 'accounts', query: 'scenario=unlocked', run: async (p) => void (await openScreen(p, 'Accounts')) },
  { name: 'accounts-light', query: 'scenario=unlocked', scheme: 'light', run: async (p) => void (await openScreen(p, 'Accounts')) },
  {
    name: 'account-add-azion',
    query: 'scenario=unlocked',
    run: async (p) => {
      await openScreen(p, 'Accounts');
      await p.getByRole('button', { name: 'Add account' }).first().click();
      await p.getByLabel('Name').fill('Staging API');
      await p.getByText('Advanced: API endpoints').click();
    },
  },
  {
    name: 'account-add-azion-errors',
    query: 'scenario=unlocked',
    scheme: 'light',
    run: async (p) => {
      await openScreen(p, 'Accounts');
      await p.getByRole('button', { name: 'Add account' }).first().click();
      await p.getByRole('button', { name: 'Add account' }).last().click();
    },
  },
  {
    name: 'account-add-ocean',
    query: 'scenario=unlocked',
    scheme: 'light',
    run: async (p) => {
      await openScreen(p, 'Accounts');
      await p.getByRole('button', { name: 'Add account' }).first().click();
      await p.getByText('Ocean Protocol').click();
      await p.getByText('Import keystore').click();
    },
  },
  {
    name: 'account-added-ocean',
    query: 'scenario=unlocked',
    run: async (p) => {
      await openScreen(p, 'Accounts');
      await p.getByRole('button', { name: 'Add account' }).first().click();
      await p.getByText('Ocean Protocol').click();
      await p.getByLabel('Name').fill('Data bot');
      await p.getByLabel('Provider URL').fill('https://v4.provider.oceanprotocol.com');
      await p.getByText('Generate new').click();
      await p.getByRole('button', { name: 'Add account' }).last().click();
      await p.getByText('Account added').waitFor();
    },
  },
  {
    name: 'account-edit',
    query: 'scenario=unlocked',
    run: async (p) => {
      await openScreen(p, 'Accounts');
      await p.getByRole('button', { name: 'Edit Production API' }).click();
      await p.getByRole('dialog').waitFor();
    },
  },
  {
    name: 'account-remove',
    query: 'scenario=unlocked',
    scheme: 'light',
    run: async (p) => {
      await openScreen(p, 'Accounts');
      await p.getByRole('button', { name: 'Remove Production API' }).click();
      await p.getByRole('dialog').waitFor();
    },
  },
  { name: 'settings', query: 'scenario=unlocked', run: async (p) => void (await openScreen(p, 'Settings')) },
  {
    name: 'settings-bottom',
    query: 'scenario=unlocked',
    run: async (p) => {
      await openScreen(p, 'Settings');
      await p.locator('.scroll').evaluate((el) => el.scrollTo(0, 10_000));
    },
  },
  { name: 'settings-basic-text-light', query: 'scenario=unlocked&kc=basic_text', scheme: 'light', run: async (p) => void (await openScreen(p, 'Settings')) },
  {
    name: 'change-password',
    query: 'scenario=unlocked',
    run: async (p) => {
      await openScreen(p, 'Settings');
      await p.getByRole('button', { name: 'Change master password…' }).click();
      await p.getByRole('dialog').waitFor();
    },
  },
  { name: 'audit', query: 'scenario=unlocked', run: async (p) => void (await openScreen(p, 'Audit trail')) },
  { name: 'audit-broken-light', query: 'scenario=unlocked&chain=broken', scheme: 'light', run: async (p) => void (await openScreen(p, 'Audit trail')) },
  { name: 'theme-forced-light-on-dark-os', query: 'scenario=unlocked&theme=light', scheme: 'dark', run: tokensReady },
  { name: 'tokens-1000', query: 'scenario=unlocked&n=1000', run: tokensReady },
  {
    name: 'tokens-1000-scrolled',
    query: 'scenario=unlocked&n=1000',
    scheme: 'light',
    run: async (p) => {
      await tokensReady(p);
      await p.locator('.list').evaluate((el) => el.scrollTo(0, 30_000));
    },
  },
];

async function openScreen(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name }).first().waitFor();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

async function main(): Promise<void> {
  if (process.env['SKIP_BUILD'] !== '1') execFileSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'inherit' });
  await mkdir(OUT, { recursive: true });
  const only = process.argv.slice(2);
  const shots = only.length ? SHOTS.filter((s) => only.some((o) => s.name.includes(o))) : SHOTS;
  const browser: PreviewBrowser = await openPreview({ width: 1200, height: 780 });
  const errors: string[] = [];
  try {
    for (const shot of shots) {
      const page = await browser.newPage(shot.query, shot.scheme ?? 'dark');
      page.on('pageerror', (e) => errors.push(`${shot.name}: ${e.message}`));
      page.on('console', (m) => {
        // The browser asks for /favicon.ico on its own; the app has none to serve.
        if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico')) errors.push(`${shot.name}: ${m.text()} (${m.location().url})`);
      });
      await shot.run?.(page);
      // Let entry animations finish so the picture shows the settled state.
      await page.waitForTimeout(450);
      await page.screenshot({ path: join(OUT, `${shot.name}.png`), fullPage: shot.fullPage ?? false });
      console.log(`saved ${shot.name}.png`);
      await page.close();
    }
  } finally {
    await browser.close();
  }
  if (errors.length) {
    console.error(`Page errors:\n${errors.join('\n')}`);
    process.exitCode = 1;
  }
}

await main();
