import type { AccountInput, AccountPatch, AccountView, AzionMode, OceanKeyInput } from '../../../preload/contract';
import { AZION_DEFAULTS } from '../shared/labels.js';

/** What the account form holds while the user types; secrets are blank unless typed. */
export interface AccountFormValues {
  kind: 'azion' | 'ocean';
  label: string;
  // Azion
  email: string;
  password: string;
  personalToken: string;
  mode: AzionMode;
  authBase: string;
  apiBase: string;
  checkBase: string;
  // Ocean
  providerUrl: string;
  keySource: OceanKeyInput['type'];
  privateKey: string;
  keystoreJson: string;
  keystoreName: string;
  keystorePassword: string;
}

export type FormErrors = Partial<Record<keyof AccountFormValues, string>>;

export function emptyForm(kind: 'azion' | 'ocean' = 'azion'): AccountFormValues {
  return {
    kind,
    label: '',
    email: '',
    password: '',
    personalToken: '',
    mode: 'session',
    ...AZION_DEFAULTS,
    providerUrl: '',
    keySource: 'hex',
    privateKey: '',
    keystoreJson: '',
    keystoreName: '',
    keystorePassword: '',
  };
}

/** The form for editing an account: its non-secret settings; secrets stay blank ("unchanged"). */
export function formFor(account: AccountView): AccountFormValues {
  const c = account.config;
  const base = emptyForm(c.kind);
  base.label = account.label;
  if (c.kind === 'azion') return { ...base, email: c.email, mode: c.mode, authBase: c.authBase, apiBase: c.apiBase, checkBase: c.checkBase };
  return { ...base, providerUrl: c.providerUrl };
}

const isHttpUrl = (s: string): boolean => {
  try {
    const u = new URL(s);
    return (u.protocol === 'https:' || u.protocol === 'http:') && !u.username && !u.password;
  } catch {
    return false;
  }
};

const originOf = (s: string): string | null => {
  try {
    return new URL(s.trim()).origin;
  } catch {
    return null;
  }
};

/**
 * Whether the form sends one of the account's endpoints to another server (scheme, host or port).
 * Main then refuses the change unless the account's secrets are typed again in the same save, and
 * asks the person to confirm the new host in its own dialog; a path-only change needs neither.
 */
export function originMoved(account: AccountView, f: AccountFormValues): boolean {
  const before = formFor(account);
  const keys = f.kind === 'azion' ? (['authBase', 'apiBase', 'checkBase'] as const) : (['providerUrl'] as const);
  return keys.some((k) => {
    const next = originOf(f[k]);
    return next !== null && next !== originOf(before[k]);
  });
}

/** Problems the user can fix before anything is sent (main validates again). */
export function validate(f: AccountFormValues, editing: AccountView | null): FormErrors {
  const e: FormErrors = {};
  if (!f.label.trim()) e.label = 'Give the account a name you will recognise.';
  else if (f.label.trim().length > 80) e.label = 'Keep the name under 80 characters.';
  if (f.kind === 'azion') {
    if (!/^[^\s@]+@[^\s@]+$/.test(f.email.trim())) e.email = 'Enter the email you sign in to Azion with.';
    const hadPassword = editing?.has.password ?? false;
    const hadToken = editing?.has.personalToken ?? false;
    const hasPassword = f.password !== '' || hadPassword;
    const hasToken = f.personalToken.trim() !== '' || hadToken;
    if (f.mode === 'session' && !hasPassword) e.password = 'Session tokens are minted with your Azion password.';
    if (f.mode === 'personal' && !hasPassword && !hasToken) {
      e.personalToken = 'Enter your password, or paste a personal token if you sign in with SSO or MFA.';
    }
    for (const k of ['authBase', 'apiBase', 'checkBase'] as const) {
      if (!isHttpUrl(f[k].trim())) e[k] = 'An http(s) URL.';
    }
    if (editing && originMoved(editing, f)) {
      const again = 'A new server gets this secret: type it again to confirm.';
      if (hadPassword && f.password === '') e.password = again;
      if (hadToken && f.personalToken.trim() === '') e.personalToken = again;
    }
  } else {
    if (!isHttpUrl(f.providerUrl.trim())) e.providerUrl = 'The provider or node URL, e.g. https://v4.provider.oceanprotocol.com';
    if (!editing) {
      if (f.keySource === 'hex' && !/^(0x)?[0-9a-fA-F]{64}$/.test(f.privateKey.trim())) {
        e.privateKey = 'A private key is 64 hexadecimal characters, with or without 0x.';
      }
      if (f.keySource === 'keystore' && !f.keystoreJson) e.keystoreJson = 'Choose a keystore JSON file.';
    } else if (originMoved(editing, f) && !/^(0x)?[0-9a-fA-F]{64}$/.test(f.privateKey.trim())) {
      e.privateKey = "A new server gets signatures from this key: paste this account's private key again to confirm.";
    }
  }
  return e;
}

const trimmedUrl = (s: string): string => s.trim().replace(/\/+$/, '');

/** The AccountInput for a new account: only what the user gave, defaults left to main. */
export function toInput(f: AccountFormValues): AccountInput {
  if (f.kind === 'azion') {
    const input: AccountInput = { kind: 'azion', label: f.label.trim(), email: f.email.trim(), mode: f.mode };
    if (f.password !== '') input.password = f.password;
    if (f.personalToken.trim() !== '') input.personalToken = f.personalToken.trim();
    for (const k of ['authBase', 'apiBase', 'checkBase'] as const) {
      const v = trimmedUrl(f[k]);
      if (v !== AZION_DEFAULTS[k]) input[k] = v;
    }
    return input;
  }
  const key: OceanKeyInput =
    f.keySource === 'hex'
      ? { type: 'hex', privateKey: f.privateKey.trim() }
      : f.keySource === 'keystore'
        ? { type: 'keystore', json: f.keystoreJson, password: f.keystorePassword }
        : { type: 'generate' };
  return { kind: 'ocean', label: f.label.trim(), providerUrl: trimmedUrl(f.providerUrl), key };
}

/** Only the fields that changed; typed secrets replace the stored ones, blank ones are kept. */
export function toPatch(account: AccountView, f: AccountFormValues): AccountPatch {
  const before = formFor(account);
  const patch: AccountPatch = {};
  if (f.label.trim() !== before.label) patch.label = f.label.trim();
  if (f.kind === 'azion') {
    if (f.email.trim() !== before.email) patch.email = f.email.trim();
    if (f.mode !== before.mode) patch.mode = f.mode;
    if (f.password !== '') patch.password = f.password;
    if (f.personalToken.trim() !== '') patch.personalToken = f.personalToken.trim();
    for (const k of ['authBase', 'apiBase', 'checkBase'] as const) {
      const v = trimmedUrl(f[k]);
      if (v !== trimmedUrl(before[k])) patch[k] = v;
    }
  } else {
    if (trimmedUrl(f.providerUrl) !== trimmedUrl(before.providerUrl)) patch.providerUrl = trimmedUrl(f.providerUrl);
    // The key is never replaced: typed again, it only proves the person holds it (main checks it).
    if (f.privateKey.trim() !== '') patch.key = { type: 'hex', privateKey: f.privateKey.trim() };
  }
  return patch;
}
