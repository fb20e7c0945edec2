// Types for electronStart.mjs, so its test is type-checked like the rest.
export interface InstallerResult {
  ok: boolean;
  stderr: string;
}
export interface StartDeps {
  version: string;
  env: Record<string, string | undefined>;
  binary(): string | null;
  download(): Promise<InstallerResult>;
  run(): number;
  log(text: string): void;
  error(text: string): void;
}
export function electronBinary(electronDir: string): string | null;
export function runElectronInstaller(electronDir: string, env?: Record<string, string | undefined>, log?: (text: string) => void): Promise<InstallerResult>;
export function firstErrorLine(stderr: string): string;
export function explainMissingElectron(input: { version: string; skipped: boolean; cause: string }): string;
export function startElectron(deps: StartDeps): Promise<number>;
