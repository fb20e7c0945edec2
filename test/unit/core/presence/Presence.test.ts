import { describe, expect, it } from 'vitest';
import { absentPresence } from '../../../../main/core/presence/Presence.js';

/** Without a presence adapter nothing that needs a person can happen: it fails closed. */
describe('absentPresence', () => {
  it('answers every prompt with its cancel choice and never reports input', async () => {
    expect(await absentPresence.ask({ title: 't', message: 'm', detail: 'd', choices: ['No', 'Yes'], cancelIndex: 0 })).toBe(0);
    expect(await absentPresence.ask({ title: 't', message: 'm', detail: 'd', choices: ['Yes', 'No'], cancelIndex: 1 })).toBe(1);
    expect(absentPresence.recentInput(60_000)).toBe(false);
  });
});
