/**
 * Every screen and state of the built renderer on the in-page demo vault (demoVault.js), each with
 * what must be on screen once it is reached. One list for the preview script (people look at the
 * pictures) and for the e2e gallery (a test checks what each shows and keeps the pictures).
 */
import type { Locator, Page } from 'playwright-core';
import type { TokenState } from '../../preload/contract.js';

export interface Scene {
  /** The picture's file name, without .png. */
  name: string;
  /** The demo vault's query: scenario, n, kc, chain, theme (see demoVault.js). */
  query: string;
  /** The OS colour scheme Chromium reports. */
  scheme?: 'light' | 'dark';
  /** Brings the page to the state shown; scenes without one show the first screen. */
  run?: (page: Page) => Promise<void>;
  /** What must be visible once run: the heading or landmark that says this is the screen meant. */
  shows: (page: Page) => Locator[];
  /** What must not be visible then (checked once what it shows is there). */
  hides?: (page: Page) => Locator[];
  fullPage?: boolean;
  /** The window size, when not the gallery's default (1200×780). */
  viewport?: { width: number; height: number };
}

const EVERY_STATE: readonly TokenState[] = ['active', 'expiring', 'expired', 'revoking', 'revoked', 'revoke_failed'];

const heading = (p: Page, name: string, level?: number): Locator => p.getByRole('heading', { name, level, exact: true });
const dialog = (p: Page, name: string): Locator => p.getByRole('dialog', { name });
const tokensRegion = (p: Page): Locator => p.getByRole('region', { name: 'Tokens' });
const stateRows = (p: Page, states: readonly TokenState[] = EVERY_STATE): Locator[] => states.map((s) => p.locator(`li[data-state="${s}"]`).first());
const tokensReady = (p: Page): Promise<void> => p.locator('li[data-state]').first().waitFor();
/** Revoked and expired tokens sit in each account's collapsed history: open every one. */
async function openHistories(p: Page): Promise<void> {
  await tokensReady(p);
  const closed = p.getByRole('button', { name: /^History/, expanded: false });
  while ((await closed.count()) > 0) await closed.first().click();
}
const SMALL = { width: 800, height: 600 };
const MEDIUM = { width: 1280, height: 800 };
const LARGE = { width: 1920, height: 1200 };
/** The token list at a window size: every state (histories open), no sideways scroll. */
function sized(name: string, viewport: { width: number; height: number }, scheme: 'light' | 'dark', query = 'scenario=unlocked'): Scene {
  return {
    name,
    query,
    scheme,
    viewport,
    run: openHistories,
    shows: (p) => [tokensRegion(p), heading(p, 'Tokens', 1), ...stateRows(p, ['active', 'expiring', 'revoke_failed'])],
  };
}
/** Before the first token there is nothing to search or filter. */
const searchAndFilters = (p: Page): Locator[] => [p.getByRole('searchbox', { name: 'Search tokens' }), p.getByRole('radiogroup', { name: 'State' })];

async function openScreen(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name }).click();
  await heading(page, name, 1).waitFor();
}

async function addAccount(page: Page): Promise<void> {
  await openScreen(page, 'Accounts');
  await page.getByRole('button', { name: 'Add account' }).first().click();
}

/** A dialog opened by a button of a screen; its title is what the scene shows. */
function dialogScene(scene: Pick<Scene, 'name' | 'scheme'>, screen: string, button: string, title: string): Scene {
  return {
    ...scene,
    query: 'scenario=unlocked',
    run: async (p) => {
      await openScreen(p, screen);
      await p.getByRole('button', { name: button }).click();
    },
    shows: (p) => [dialog(p, title)],
  };
}

async function mintOcean(page: Page): Promise<void> {
  await tokensReady(page);
  await page.getByRole('button', { name: /Mint token… for Ocean market bot/ }).click();
}

export const SCENES: readonly Scene[] = [
  { name: 'setup', query: 'scenario=setup', shows: (p) => [heading(p, 'Create your vault'), p.getByLabel('Master password', { exact: true })] },
  {
    name: 'setup-weak',
    query: 'scenario=setup',
    run: async (p) => {
      await p.getByLabel('Master password', { exact: true }).fill('tokenvault2024');
      await p.getByLabel('Confirm master password', { exact: true }).fill('tokenvault2025');
      await p.getByText(/Very weak|Weak|Fair/).first().waitFor();
      await p.getByRole('button', { name: 'Create vault' }).click();
    },
    shows: (p) => [heading(p, 'Create your vault'), p.getByRole('alert').first()],
  },
  {
    name: 'setup-strong',
    query: 'scenario=setup',
    scheme: 'light',
    run: async (p) => void (await p.getByLabel('Master password', { exact: true }).fill('copper lantern drifts beyond marmalade')),
    shows: (p) => [heading(p, 'Create your vault'), p.getByText(/Very strong|Strong/).first()],
  },
  { name: 'unlock', query: 'scenario=locked', shows: (p) => [heading(p, 'Unlock your vault'), p.getByRole('button', { name: /Unlock with/ })] },
  {
    name: 'unlock-wrong-password',
    query: 'scenario=locked',
    scheme: 'light',
    run: async (p) => {
      await p.getByLabel('Master password', { exact: true }).fill('not-it');
      await p.getByRole('button', { name: 'Unlock', exact: true }).click();
    },
    shows: (p) => [heading(p, 'Unlock your vault'), p.getByRole('alert')],
  },
  {
    name: 'damaged-vault',
    query: 'scenario=damaged',
    run: async (p) => {
      await p.getByLabel('Master password', { exact: true }).fill('demo');
      await p.getByRole('button', { name: 'Unlock', exact: true }).click();
    },
    shows: (p) => [heading(p, 'Your vault file is damaged'), p.getByRole('list', { name: 'Backups, newest first' }), p.getByRole('button', { name: 'Restore' }).first()],
  },
  { name: 'tokens-dark', query: 'scenario=unlocked', run: openHistories, shows: (p) => [tokensRegion(p), ...stateRows(p)] },
  { name: 'tokens-light', query: 'scenario=unlocked', scheme: 'light', run: openHistories, shows: (p) => [tokensRegion(p), ...stateRows(p)] },
  {
    name: 'tokens-history-collapsed',
    query: 'scenario=unlocked',
    shows: (p) => [p.getByRole('button', { name: /^History · 1 expired/ }), p.getByRole('button', { name: 'Clear history of Production API' })],
    hides: (p) => stateRows(p, ['expired', 'revoked']),
  },
  sized('tokens-800x600-dark', SMALL, 'dark'),
  sized('tokens-800x600-light', SMALL, 'light'),
  sized('tokens-1280x800-dark', MEDIUM, 'dark'),
  sized('tokens-1280x800-light', MEDIUM, 'light'),
  sized('tokens-1920x1200-dark', LARGE, 'dark'),
  sized('tokens-1920x1200-light', LARGE, 'light'),
  {
    name: 'revoke-undo-toast',
    query: 'scenario=unlocked',
    scheme: 'light',
    viewport: SMALL,
    run: async (p) => {
      await tokensReady(p);
      await p.getByRole('button', { name: /^Revoke Edge deploys/ }).first().click();
    },
    shows: (p) => [p.locator('.toast').getByText('Revoking Edge deploys (SSO) personal token'), p.getByRole('button', { name: 'Undo', exact: true }), p.getByRole('button', { name: /^Undo revoke of Edge/ })],
  },
  {
    // The clipboard pill, a revoke's Undo and an expiry alert at once: stacked, none over another.
    name: 'toasts-stacked',
    query: 'scenario=unlocked',
    viewport: SMALL,
    run: async (p) => {
      await tokensReady(p);
      await p.getByRole('button', { name: /^Copy Ocean market bot/, disabled: false }).first().click();
      await p.getByRole('button', { name: /^Revoke Edge deploys/ }).first().click();
      await p.evaluate(() => (window as unknown as { __demoEmit: (e: unknown) => void }).__demoEmit({ type: 'expiry-alert', tokenId: 't-expiring', expiresAt: Date.now() + 4 * 60_000 }));
      const boxes = await p.locator('.toast, .clip').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => [r.top, r.bottom]));
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) if (boxes[i]![0]! < boxes[j]![1]! && boxes[j]![0]! < boxes[i]![1]!) throw new Error('two notifications overlap');
    },
    shows: (p) => [p.getByText(/^Copied — clears in/), p.getByRole('button', { name: 'Undo', exact: true }), p.getByText(/^Expires in/)],
  },
  {
    // "Revoke now" says so on its button (count and "now"); main's own dialog then asks once.
    name: 'revoke-all-before',
    query: 'scenario=unlocked',
    run: async (p) => {
      await tokensReady(p);
      await p.getByRole('button', { name: /^Revoke all \d+ now… \(the live tokens of Production API\)/ }).focus();
    },
    shows: (p) => [p.getByRole('button', { name: /^Revoke all \d+ now… \(the live tokens of Production API\)/ }).and(p.locator(':focus')), p.getByText(/^Revoke all \d+ now…$/).first()],
  },
  {
    name: 'revoke-all-vault-done',
    query: 'scenario=unlocked',
    scheme: 'light',
    run: async (p) => {
      await tokensReady(p);
      await p.getByRole('button', { name: /^Revoke all \d+ now… \(the live tokens of every account\)/ }).click();
    },
    shows: (p) => [p.getByText(/^All accounts: \d+ revoked\.$/)],
  },
  {
    name: 'tokens-search',
    query: 'scenario=unlocked',
    run: async (p) => {
      await tokensReady(p);
      await p.keyboard.press('/');
      await p.keyboard.type('ocean');
    },
    shows: (p) => [p.getByText('3 shown'), p.getByRole('list', { name: /Tokens of Ocean market bot/ })],
  },
  {
    name: 'tokens-filter-expiring',
    query: 'scenario=unlocked',
    scheme: 'light',
    run: async (p) => {
      await tokensReady(p);
      await p.locator('.chips label', { hasText: 'Expiring' }).click();
    },
    shows: (p) => [p.getByText('1 shown'), ...stateRows(p, ['expiring'])],
  },
  {
    // Down from the search box into the list, then row by row: the fourth row is expired, so the row
    // itself holds focus.
    name: 'keyboard-focus',
    query: 'scenario=unlocked',
    scheme: 'light',
    run: async (p) => {
      await openHistories(p);
      await p.keyboard.press('/');
      for (let i = 0; i < 4; i++) await p.keyboard.press('ArrowDown');
    },
    shows: (p) => [p.locator('li[data-state="expired"]:focus')],
  },
  {
    name: 'empty-no-accounts',
    query: 'scenario=noaccounts',
    shows: (p) => [heading(p, 'No accounts yet'), p.getByRole('button', { name: 'Add account' }).first()],
    hides: searchAndFilters,
  },
  {
    name: 'empty-no-tokens',
    query: 'scenario=notokens',
    scheme: 'light',
    shows: (p) => [tokensRegion(p), heading(p, 'Tokens', 1), p.getByText(/No live tokens for this account yet/).first()],
    hides: searchAndFilters,
  },
  {
    name: 'copy-menu',
    query: 'scenario=unlocked',
    run: async (p) => {
      await tokensReady(p);
      await p.getByRole('button', { name: /^Copy Production API session token .* as…$/ }).first().click();
    },
    shows: (p) => [p.getByRole('menu', { name: 'Copy as' }), p.getByRole('menuitem', { name: /Authorization header/ })],
  },
  {
    name: 'copied-and-revealed',
    query: 'scenario=unlocked',
    scheme: 'light',
    run: async (p) => {
      await tokensReady(p);
      await p.getByRole('button', { name: /^Copy Ocean market bot/, disabled: false }).first().click();
      await p.getByRole('button', { name: /^Reveal value of Ocean market bot/, disabled: false }).first().click();
    },
    shows: (p) => [p.getByRole('textbox', { name: 'Token value' }), p.getByText(/^Copied — clears in/)],
  },
  {
    name: 'revoke-progress',
    query: 'scenario=unlocked',
    run: async (p) => {
      await tokensReady(p);
      await p.getByRole('button', { name: /^Revoke Ocean node/ }).first().click();
    },
    shows: (p) => [p.getByRole('list', { name: /Tokens of Ocean node/ }).locator('li[data-state="revoking"]')],
  },
  {
    name: 'expiry-alert',
    query: 'scenario=unlocked',
    run: async (p) => {
      await tokensReady(p);
      await p.evaluate(() => (window as unknown as { __demoEmit: (e: unknown) => void }).__demoEmit({ type: 'expiry-alert', tokenId: 't-expiring', expiresAt: Date.now() + 4 * 60_000 }));
    },
    shows: (p) => [p.getByText(/^Expires in/), p.getByRole('button', { name: 'Show' })],
  },
  {
    name: 'mint-azion-personal',
    query: 'scenario=unlocked',
    run: async (p) => {
      await tokensReady(p);
      await p.getByRole('button', { name: /Mint personal token… for Edge deploys/ }).click();
    },
    shows: (p) => [dialog(p, 'Mint a personal token')],
  },
  { name: 'mint-ocean-choose', query: 'scenario=unlocked', scheme: 'light', run: mintOcean, shows: (p) => [dialog(p, 'Mint an Ocean token')] },
  {
    name: 'mint-ocean-preview',
    query: 'scenario=unlocked',
    run: async (p) => {
      await mintOcean(p);
      await p.getByRole('button', { name: 'Review signature…' }).click();
    },
    shows: (p) => [dialog(p, 'Approve signature'), p.getByLabel('Signing preview')],
  },
  { name: 'accounts', query: 'scenario=unlocked', run: (p) => openScreen(p, 'Accounts'), shows: (p) => [heading(p, 'Accounts', 1)] },
  { name: 'accounts-light', query: 'scenario=unlocked', scheme: 'light', run: (p) => openScreen(p, 'Accounts'), shows: (p) => [heading(p, 'Accounts', 1)] },
  {
    name: 'account-add-azion',
    query: 'scenario=unlocked',
    run: async (p) => {
      await addAccount(p);
      await p.getByLabel('Name').fill('Staging API');
      await p.getByText('Advanced: API endpoints').click();
    },
    shows: (p) => [dialog(p, 'Add account'), dialog(p, 'Add account').getByLabel('Email', { exact: true })],
  },
  {
    name: 'account-add-azion-errors',
    query: 'scenario=unlocked',
    scheme: 'light',
    run: async (p) => {
      await addAccount(p);
      await p.getByRole('button', { name: 'Add account' }).last().click();
    },
    shows: (p) => [dialog(p, 'Add account'), p.locator('[aria-invalid="true"]').first()],
  },
  {
    name: 'account-add-ocean',
    query: 'scenario=unlocked',
    scheme: 'light',
    run: async (p) => {
      await addAccount(p);
      await p.getByText('Ocean Protocol').click();
      await p.getByText('Import keystore').click();
    },
    shows: (p) => [dialog(p, 'Add account'), p.getByLabel('Keystore password', { exact: true })],
  },
  {
    name: 'account-added-ocean',
    query: 'scenario=unlocked',
    run: async (p) => {
      await addAccount(p);
      await p.getByText('Ocean Protocol').click();
      await p.getByLabel('Name').fill('Data bot');
      await p.getByLabel('Provider URL').fill('https://v4.provider.oceanprotocol.com');
      await p.getByText('Generate new').click();
      await p.getByRole('button', { name: 'Add account' }).last().click();
    },
    shows: (p) => [dialog(p, 'Account added'), p.getByRole('button', { name: 'Copy address' })],
  },
  {
    // A failed check stays on the card (with Check again) until one succeeds; a good one says so.
    name: 'accounts-health',
    query: 'scenario=unlocked',
    scheme: 'light',
    viewport: { width: 1280, height: 800 },
    run: async (p) => {
      await openScreen(p, 'Accounts');
      for (const b of await p.getByRole('button', { name: 'Check credentials' }).all()) await b.click();
      await p.getByText('Last attempt failed').waitFor();
      await p.getByText('Azion accepted the credentials', { exact: false }).first().waitFor();
    },
    shows: (p) => [heading(p, 'Accounts', 1), p.getByText('Last attempt failed'), p.getByRole('button', { name: 'Check again' })],
  },
  // The failure on the card at the narrowest and widest windows, dark.
  ...([
    ['accounts-health-800x600-dark', SMALL],
    ['accounts-health-1920x1200-dark', LARGE],
  ] as const).map(([name, viewport]): Scene => ({
    name,
    query: 'scenario=unlocked',
    scheme: 'dark',
    viewport,
    run: async (p) => {
      await openScreen(p, 'Accounts');
      for (const b of await p.getByRole('button', { name: 'Check credentials' }).all()) await b.click();
      await p.getByText('Last attempt failed').waitFor();
    },
    shows: (p) => [heading(p, 'Accounts', 1), p.getByText('Last attempt failed'), p.getByRole('button', { name: 'Check again' })],
  })),
  dialogScene({ name: 'account-edit' }, 'Accounts', 'Edit Production API', 'Edit Production API'),
  {
    // Main's dialog asks (and offers to revoke first); the window only reports the outcome.
    name: 'account-removed',
    query: 'scenario=unlocked',
    scheme: 'light',
    run: async (p) => {
      await openScreen(p, 'Accounts');
      await p.getByRole('button', { name: 'Remove Production API…' }).click();
    },
    shows: (p) => [p.getByText('Account removed'), heading(p, 'Accounts', 1)],
  },
  { name: 'settings', query: 'scenario=unlocked', run: (p) => openScreen(p, 'Settings'), shows: (p) => [heading(p, 'Settings', 1), heading(p, 'Locking', 2)] },
  {
    name: 'settings-bottom',
    query: 'scenario=unlocked',
    run: async (p) => {
      await openScreen(p, 'Settings');
      await p.locator('.scroll').evaluate((el) => el.scrollTo(0, 10_000));
    },
    shows: (p) => [heading(p, 'On this system', 2)],
  },
  {
    name: 'settings-basic-text-light',
    query: 'scenario=unlocked&kc=basic_text',
    scheme: 'light',
    run: (p) => openScreen(p, 'Settings'),
    shows: (p) => [heading(p, 'Settings', 1), p.getByText('not real protection').first()],
  },
  {
    name: 'settings-weaken-asks-password',
    query: 'scenario=unlocked',
    run: async (p) => {
      await openScreen(p, 'Settings');
      await p.getByRole('checkbox', { name: /Lock on sleep/ }).click();
    },
    shows: (p) => [dialog(p, 'Confirm with your master password'), p.getByText(/needs your master password/)],
  },
  {
    name: 'account-edit-new-host',
    query: 'scenario=unlocked',
    scheme: 'light',
    run: async (p) => {
      await openScreen(p, 'Accounts');
      await p.getByRole('button', { name: 'Edit Production API' }).click();
      await p.getByText('Advanced: API endpoints').click();
      await p.getByLabel('Auth base (session tokens)').fill('https://eu.api.example.com');
    },
    shows: (p) => [dialog(p, 'Edit Production API'), p.getByText(/An endpoint now points to another server/)],
  },
  dialogScene({ name: 'change-password' }, 'Settings', 'Change master password…', 'Change master password'),
  { name: 'audit', query: 'scenario=unlocked', run: (p) => openScreen(p, 'Audit trail'), shows: (p) => [heading(p, 'Audit trail', 1), p.getByText('Chain verified.')] },
  ...([
    ['audit-800x600-dark', SMALL, 'dark'],
    ['audit-800x600-light', SMALL, 'light'],
    ['audit-1920x1200-light', LARGE, 'light'],
  ] as const).map(([name, viewport, scheme]): Scene => ({
    name,
    query: 'scenario=unlocked',
    scheme,
    viewport,
    run: async (p) => {
      await openScreen(p, 'Audit trail');
      // The Outcome column is in view, in words, with no sideways scroll.
      await p.getByRole('columnheader', { name: 'Outcome' }).waitFor();
      const sideways = await p.locator('.scroll.body').evaluate((el) => el.scrollWidth > el.clientWidth + 1);
      if (sideways) throw new Error('the audit table scrolls sideways');
    },
    shows: (p) => [heading(p, 'Audit trail', 1), p.getByRole('columnheader', { name: 'Outcome' }), p.getByRole('cell', { name: /^Done/ }).first()],
    // Codes main stores (an error code, a copy format, a token kind) are never shown as they are.
    hides: (p) => [p.getByRole('cell', { name: /^ok$/ }).first(), p.getByRole('cell', { name: /NETWORK|— (raw|header|curl|export|azion-session)$/ }).first()],
  })),
  {
    name: 'audit-broken-light',
    query: 'scenario=unlocked&chain=broken',
    scheme: 'light',
    run: (p) => openScreen(p, 'Audit trail'),
    shows: (p) => [heading(p, 'Audit trail', 1), p.getByText('Chain broken at entry #112.'), p.getByRole('alert').getByText(/keep a copy of it\s+as\s+evidence/)],
  },
  { name: 'theme-forced-light-on-dark-os', query: 'scenario=unlocked&theme=light', scheme: 'dark', shows: (p) => [tokensRegion(p), p.locator('[data-theme="light"]')] },
  {
    name: 'tokens-1000',
    query: 'scenario=unlocked&n=1000',
    shows: (p) => [tokensRegion(p), p.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: /^Tokens\s*9\d\d$/ })],
  },
  {
    name: 'tokens-1000-scrolled',
    query: 'scenario=unlocked&n=1000',
    scheme: 'light',
    run: async (p) => {
      await tokensReady(p);
      await p.locator('.list').evaluate((el) => el.scrollTo(0, 30_000));
    },
    shows: (p) => [p.getByRole('list', { name: /Tokens of Ocean market bot/ })],
  },
  {
    name: 'tokens-10000',
    query: 'scenario=unlocked&n=10000',
    viewport: MEDIUM,
    shows: (p) => [tokensRegion(p), p.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: /^Tokens\s*9\d{3}$/ })],
  },
  // 10,000 tokens at the other sizes and in light.
  ...([
    ['tokens-10000-1920x1200-light', LARGE, 'light'],
    ['tokens-10000-1280x800-light', MEDIUM, 'light'],
    ['tokens-10000-800x600-dark', SMALL, 'dark'],
  ] as const).map(([name, viewport, scheme]): Scene => ({
    name,
    query: 'scenario=unlocked&n=10000',
    scheme,
    viewport,
    // At 800 px the sidebar is icons only: its count is not shown there.
    shows: (p) => [tokensRegion(p), p.locator('li[data-state]').first(), ...(viewport.width > 800 ? [p.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: /^Tokens\s*9\d{3}$/ })] : [])],
  })),
  {
    name: 'tokens-10000-800x600-scrolled',
    query: 'scenario=unlocked&n=10000',
    scheme: 'light',
    viewport: SMALL,
    run: async (p) => {
      await tokensReady(p);
      await p.locator('.list').evaluate((el) => el.scrollTo(0, 300_000));
      await p.locator('li[data-state]').first().waitFor();
    },
    shows: (p) => [p.getByRole('list', { name: /Tokens of Ocean/ })],
  },
  {
    name: 'tokens-10000-search',
    query: 'scenario=unlocked&n=10000',
    viewport: MEDIUM,
    run: async (p) => {
      await tokensReady(p);
      await p.keyboard.press('/');
      await p.keyboard.type('Ocean node');
      // Down from the search box goes to the first match.
      await p.keyboard.press('ArrowDown');
    },
    shows: (p) => [p.getByText(/^\d+ shown$/), p.locator('li[data-state] :focus, li[data-state]:focus')],
  },
  {
    name: 'add-account-focus-first-field',
    query: 'scenario=unlocked',
    scheme: 'light',
    viewport: SMALL,
    run: addAccount,
    shows: (p) => [dialog(p, 'Add account'), p.getByLabel('Name').and(p.locator(':focus'))],
  },
];
