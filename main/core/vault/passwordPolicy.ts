import { AppError } from '../errors.js';

export type PasswordPolicy = (password: string) => void;

export const MIN_MASTER_PASSWORD_LENGTH = 10;

/**
 * The floor main enforces whatever the window says; the window's strength meter guides above it.
 * Length is what resists offline guessing once the file is stolen, so length is what we require.
 */
export const defaultPasswordPolicy: PasswordPolicy = (password) => {
  const chars = [...password.normalize('NFC')];
  if (chars.length < MIN_MASTER_PASSWORD_LENGTH || new Set(chars).size < 4) {
    throw new AppError('WEAK_PASSWORD', `That master password is too easy to guess. Use at least ${MIN_MASTER_PASSWORD_LENGTH} characters, such as several unrelated words.`);
  }
};
