import { EventEmitter } from 'node:events';
import type { MessageBoxOptions, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { confirmPresence } from '../../../main/core/presence/Presence.js';
import { electronPresence, isPersonInput } from '../../../main/platform/electronPresence.js';
import { FakeClock } from '../../support/FakeClock.js';

const prompt = { title: 'Revoke all tokens?', message: 'Revoke all 3?', detail: 'They stop working.' };

function setup(answer: (o: MessageBoxOptions) => Promise<number>) {
  const clock = new FakeClock();
  const shown: MessageBoxOptions[] = [];
  const win = { isDestroyed: () => false };
  const presence = electronPresence({
    clock,
    window: () => win as never,
    showMessageBox: async (_w, o) => {
      shown.push(o);
      return { response: await answer(o), checkboxChecked: false };
    },
  });
  const contents = new EventEmitter();
  presence.watch(contents as unknown as Pick<WebContents, 'on'>);
  return { clock, shown, presence, contents };
}

describe('electronPresence', () => {
  it('asks with main\'s own dialog, Cancel as the default and the Escape answer', async () => {
    const { shown, presence } = setup(async (o) => (o.buttons ?? []).indexOf('Revoke all'));
    expect(await confirmPresence(presence, prompt, 'Revoke all')).toBe(true);
    expect(shown[0]).toMatchObject({ title: prompt.title, message: prompt.message, detail: prompt.detail, buttons: ['Cancel', 'Revoke all'], cancelId: 0, defaultId: 0 });
  });

  it('counts a failed or nonsensical dialog as no', async () => {
    expect(await confirmPresence(setup(async () => Promise.reject(new Error('no display'))).presence, prompt, 'Revoke all')).toBe(false);
    expect(await confirmPresence(setup(async () => 7).presence, prompt, 'Revoke all')).toBe(false);
    expect(await confirmPresence(setup(async () => -1).presence, prompt, 'Revoke all')).toBe(false);
  });

  it('shows one dialog at a time', async () => {
    let release: (n: number) => void = () => {};
    const { shown, presence } = setup(() => new Promise((r) => (release = r)));
    const first = presence.ask({ ...prompt, choices: ['Cancel', 'Yes'], cancelIndex: 0 });
    const second = presence.ask({ ...prompt, title: 'second', choices: ['Cancel', 'Yes'], cancelIndex: 0 });
    await Promise.resolve();
    await Promise.resolve();
    expect(shown.map((o) => o.title)).toEqual([prompt.title]);
    release(1);
    expect(await first).toBe(1);
    await new Promise((r) => setImmediate(r));
    expect(shown.map((o) => o.title)).toEqual([prompt.title, 'second']);
    release(0);
    expect(await second).toBe(0);
  });

  it('sees only a person\'s input: a click or key press, recent, not a passing pointer or a key held down', () => {
    const { clock, presence, contents } = setup(async () => 0);
    expect(presence.recentInput(1000)).toBe(false);
    contents.emit('input-event', {}, { type: 'mouseMove' });
    contents.emit('before-input-event', {}, { type: 'keyDown', modifiers: ['isautorepeat'] });
    expect(presence.recentInput(1000)).toBe(false);
    contents.emit('input-event', {}, { type: 'mouseDown' });
    expect(presence.recentInput(1000)).toBe(true);
    clock.jump(1001);
    expect(presence.recentInput(1000)).toBe(false);
    contents.emit('before-input-event', {}, { type: 'keyDown', modifiers: [] });
    expect(presence.recentInput(1000)).toBe(true);
    clock.jump(-5000); // a clock set back is not "recent"
    expect(presence.recentInput(1000)).toBe(false);
    expect(isPersonInput('keyUp')).toBe(false);
    expect(isPersonInput(undefined)).toBe(false);
  });
});
