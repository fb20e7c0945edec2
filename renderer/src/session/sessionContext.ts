import { createContext } from 'svelte';
import type { Session } from './session.svelte.js';

const [readSession, provideSession, hasSession] = createContext<Session>();

export function setSession(session: Session): Session {
  return provideSession(session);
}

export function getSession(): Session {
  if (!hasSession()) throw new Error('No Session in context: mount under App.');
  return readSession();
}
