import type { ErrorData, Result } from '../../../preload/contract';

/** A change main refused without the master password (PASSWORD_REQUIRED): App shows the dialog. */
export interface PasswordPrompt {
  /** Main's sentence: what the change weakens. */
  reason: string;
  /** Retries with the password; resolves with the error to show, or null when the dialog is done. */
  submit(password: string): Promise<ErrorData | null>;
  cancel(): void;
}

/**
 * Asks the person for the master password (through `show`, which App renders) and retries `call`
 * with it; resolves with the outcome once the dialog is done. A wrong password keeps the dialog open.
 */
export function askPassword<T>(required: ErrorData, call: (password: string) => Promise<Result<T>>, show: (prompt: PasswordPrompt | null) => void): Promise<Result<T>> {
  return new Promise((resolve) => {
    const done = (r: Result<T>): null => {
      show(null);
      resolve(r);
      return null;
    };
    show({
      reason: required.message,
      submit: async (password) => {
        const r = await call(password);
        // A wrong password (or the back-off after several) keeps the dialog open to try again.
        return !r.ok && (r.error.code === 'BAD_PASSWORD' || r.error.code === 'TOO_MANY_ATTEMPTS') ? r.error : done(r);
      },
      cancel: () => void done({ ok: false, error: { ...required, message: 'Not changed: the master password was not entered.' } }),
    });
  });
}
