import { z } from 'zod';
import { settingsSchema } from './settings.js';
import { AUDIT_ACTIONS, AZION_MODES, COPY_FORMATS } from './vocabulary.js';

// Bounds keep a hostile renderer from pushing megabytes through a handler.
const id = z.string().min(1).max(64).regex(/^[\w-]+$/);
const password = z.string().min(1).max(1024);
const label = z.string().trim().min(1).max(80);
const httpUrl = z
  .string()
  .max(2048)
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === 'https:' || u.protocol === 'http:') && !u.username && !u.password;
    } catch {
      return false;
    }
  }, 'an http(s) URL without credentials');
const copyFormat = z.enum(COPY_FORMATS);
const epochMs = z.number().int().min(0).max(8_640_000_000_000);

const hexKey = z.strictObject({ type: z.literal('hex'), privateKey: z.string().min(1).max(200) });
const keystoreKey = z.strictObject({ type: z.literal('keystore'), json: z.string().min(2).max(64 * 1024), password: z.string().max(1024) });
export const oceanKey = z.discriminatedUnion('type', [hexKey, keystoreKey, z.strictObject({ type: z.literal('generate') })]);
/** A key entered again to prove it is the person's: never a generated one. */
const reenteredKey = z.discriminatedUnion('type', [hexKey, keystoreKey]);

export const accountInput = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('azion'),
    label,
    email: z.string().trim().min(3).max(254),
    password: password.optional(),
    personalToken: z.string().min(1).max(512).optional(),
    mode: z.enum(AZION_MODES),
    authBase: httpUrl.optional(),
    apiBase: httpUrl.optional(),
    checkBase: httpUrl.optional(),
  }),
  z.strictObject({ kind: z.literal('ocean'), label, providerUrl: httpUrl, key: oceanKey }),
]);

export const accountPatch = z.strictObject({
  label: label.optional(),
  email: z.string().trim().min(3).max(254).optional(),
  password: password.optional(),
  personalToken: z.string().min(1).max(512).optional(),
  mode: z.enum(AZION_MODES).optional(),
  authBase: httpUrl.optional(),
  apiBase: httpUrl.optional(),
  checkBase: httpUrl.optional(),
  providerUrl: httpUrl.optional(),
  key: reenteredKey.optional(),
  autoRenew: z.boolean().optional(),
  revokeOnRenew: z.boolean().optional(),
  defaultCopyFormat: copyFormat.optional(),
});

export const mintOptions = z.strictObject({
  expiresAt: epochMs.optional(),
  name: z.string().trim().min(1).max(100).optional(),
  previewId: id.optional(),
});

export const auditQuery = z.strictObject({
  offset: z.number().int().min(0).max(10_000_000),
  limit: z.number().int().min(1).max(500),
  action: z.enum(AUDIT_ACTIONS).optional(),
  accountId: id.optional(),
});

const settingsPatch = settingsSchema.partial().strict();

const none = z.tuple([]);

/**
 * One argument schema per channel; the channels' argument types are these schemas' types. Tuples are
 * strict: extra arguments are refused. Main validates with them; the preload bundle never loads them.
 */
export const schemas = {
  'vault:status': none,
  'vault:create': z.tuple([password]),
  'vault:unlock': z.tuple([password]),
  'vault:unlockWithKeychain': none,
  'vault:lock': none,
  'vault:changePassword': z.tuple([password, password]),
  'vault:backups': none,
  'vault:restoreBackup': z.tuple([id, password]),
  'settings:get': none,
  // The master password is there only when the change weakens protection.
  'settings:update': z.tuple([settingsPatch, password.optional()]),
  'accounts:list': none,
  'accounts:add': z.tuple([accountInput]),
  'accounts:update': z.tuple([id, accountPatch]),
  'accounts:remove': z.tuple([id]),
  'accounts:check': z.tuple([id]),
  'tokens:list': none,
  'tokens:previewMint': z.tuple([id, mintOptions]),
  'tokens:mint': z.tuple([id, mintOptions]),
  'tokens:revoke': z.tuple([id]),
  'tokens:revokeAll': z.tuple([id.nullable()]),
  'tokens:clearHistory': z.tuple([id]),
  // The format is optional: a missing one means the account's default.
  'tokens:copy': z.tuple([id, copyFormat.optional()]),
  'tokens:reveal': z.tuple([id]),
  'tokens:check': z.tuple([id]),
  'audit:page': z.tuple([auditQuery]),
  'agent:grants': none,
  'agent:revokeGrant': z.tuple([id]),
} as const satisfies Record<string, z.ZodType<unknown[]>>;
