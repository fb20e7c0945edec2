import { z } from 'zod';

/** Non-secret settings; stored in clear beside the vault ciphertext. */
export const settingsSchema = z.object({
  autoLockMinutes: z.number().int().min(0).max(24 * 60), // 0 = never
  lockOnSleep: z.boolean(),
  clipboardClearSeconds: z.number().int().min(0).max(3600), // 0 = never
  alertLeadMinutes: z.number().int().min(0).max(7 * 24 * 60),
  renewLeadMinutes: z.number().int().min(1).max(7 * 24 * 60),
  expiredRetentionHours: z.number().int().min(0).max(24 * 365),
  closeToTray: z.boolean(),
  keychainUnlock: z.boolean(),
  /** The user accepted Linux's basic_text backend knowing it is not real protection. */
  keychainAcceptInsecure: z.boolean(),
  theme: z.enum(['system', 'light', 'dark']),
  globalShortcut: z.string().max(64), // '' = none
  /** How long "Allow for N minutes" lets a command-line caller use an account without asking again. */
  agentGrantMinutes: z.number().int().min(1).max(24 * 60),
});


/** Non-secret settings, as their schema checks them: one declaration. */
export type Settings = z.output<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  autoLockMinutes: 15,
  lockOnSleep: true,
  clipboardClearSeconds: 30,
  alertLeadMinutes: 15,
  renewLeadMinutes: 10,
  expiredRetentionHours: 24,
  closeToTray: true,
  keychainUnlock: false,
  keychainAcceptInsecure: false,
  theme: 'system',
  globalShortcut: '',
  agentGrantMinutes: 10,
};
