import Conf from 'conf';
import type { Logger } from '../log.js';
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '../../../preload/settings.js';

/**
 * Where settings persist: conf here and in tests, electron-store (a Conf subclass) in the app. Both
 * expose the whole object as `store`. Settings are not secret: they stay readable while locked.
 */
export interface SettingsBacking {
  store: Record<string, unknown>;
}

/**
 * conf, Electron-free, with electron-store's file layout: `<dir>/settings.json`, created 0600.
 * An unparsable file reads as empty (defaults) instead of throwing from the constructor: these are
 * preferences, not secrets, and the app must start. (The vault file is never treated this way.)
 */
export function openConfSettings(dir: string): SettingsBacking {
  return new Conf<Record<string, unknown>>({ cwd: dir, configName: 'settings', ...CONF_OPTIONS });
}

const CONF_OPTIONS = { configFileMode: 0o600, clearInvalidConfig: true } as const;

/** The same for electron-store in main/index.ts: `new ElectronStore(ELECTRON_STORE_OPTIONS)`. */
export const ELECTRON_STORE_OPTIONS = { name: 'settings', ...CONF_OPTIONS } as const;

/**
 * Settings as typed values. Each stored key is validated on its own: one bad or missing value falls
 * back to its default instead of costing the user every other setting, and keys from a newer version
 * are ignored.
 */
export class SettingsStore {
  #cache: Settings | undefined;

  constructor(
    private readonly backing: SettingsBacking,
    private readonly logger?: Logger,
  ) {}

  get(): Settings {
    this.#cache ??= this.#load();
    return this.#cache;
  }

  set(next: Settings): Settings {
    const valid = settingsSchema.parse(next);
    this.backing.store = { ...valid };
    this.#cache = valid;
    return valid;
  }

  #load(): Settings {
    let stored: Record<string, unknown>;
    try {
      stored = this.backing.store;
    } catch (e) {
      this.logger?.warn('settings file unreadable; using defaults', { error: e });
      return { ...DEFAULT_SETTINGS };
    }
    const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
    for (const [key, schema] of Object.entries(settingsSchema.shape)) {
      if (!(key in stored)) continue;
      const r = schema.safeParse(stored[key]);
      if (r.success) out[key] = r.data;
      else this.logger?.warn('setting invalid; using its default', { key });
    }
    return out as unknown as Settings;
  }
}
