import { access } from 'node:fs/promises';
import { join } from 'node:path';

/** Where the vault file lives inside the app's data directory. */
export class VaultLocation {
  readonly file: string;

  constructor(readonly dir: string) {
    this.file = join(dir, 'vault.json');
  }

  async exists(): Promise<boolean> {
    try {
      await access(this.file);
      return true;
    } catch {
      return false;
    }
  }
}
