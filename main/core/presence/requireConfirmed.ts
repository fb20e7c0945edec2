import { AppError } from '../errors.js';
import { confirmPresence, type Presence, type PresencePrompt } from './Presence.js';

/**
 * Asks the person through main's own dialog and throws NOT_CONFIRMED unless they chose
 * `confirmLabel`. Nothing the window sends can answer it: only the presence adapter can.
 */
export async function requireConfirmed(
  presence: Presence,
  prompt: Omit<PresencePrompt, 'choices' | 'cancelIndex' | 'defaultIndex'>,
  confirmLabel: string,
): Promise<void> {
  if (!(await confirmPresence(presence, prompt, confirmLabel))) throw new AppError('NOT_CONFIRMED');
}
