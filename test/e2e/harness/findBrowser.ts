import { existsSync } from 'node:fs';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

export const NO_BROWSER_MESSAGE = [
  'No Chromium or Chrome was found for the Token Vault harness.',
  'Install one, e.g. on Debian/Ubuntu: sudo apt-get install chromium',
  'or point CHROMIUM_PATH at a Chromium/Chrome executable.',
].join('\n');

/** CHROMIUM_PATH, then Debian's Chromium, then an installed Chrome; throws with install advice if none. */
export function findBrowser(env: Record<string, string | undefined> = process.env, exists: (p: string) => boolean = existsSync): string {
  const fromEnv = env['CHROMIUM_PATH'];
  if (fromEnv) {
    if (exists(fromEnv)) return fromEnv;
    throw new Error(`CHROMIUM_PATH points at ${fromEnv}, which does not exist.\n${NO_BROWSER_MESSAGE}`);
  }
  const found = CANDIDATES.find((p) => exists(p));
  if (!found) throw new Error(NO_BROWSER_MESSAGE);
  return found;
}

/** Flags for a quiet, offline, reproducible Chromium. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
];
