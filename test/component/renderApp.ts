import './setup.js';
import { render } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import type { VaultApi } from '../../preload/contract.js';
import App from '../../renderer/src/App.svelte';
import { FakeClock } from '../support/FakeClock.js';
import { fakeVaultApi, settingsView, T0, type FakeData, type FakeVaultApi } from '../support/fakeVaultApi.js';

type Calls = Partial<Omit<VaultApi, 'onEvent'>>;

export interface RenderedApp {
  api: FakeVaultApi;
  time: FakeClock;
  container: HTMLElement;
  /** Moves the fake time forward (the App's clock ticks) and flushes the DOM. */
  advance(ms: number): void;
  unmount(): void;
}

/** Mounts the real App on a fake window.vault and a FakeClock, as main.ts mounts it on the real ones. */
export function renderApp(data: FakeData = {}, overrides: Calls = {}): RenderedApp {
  const time = new FakeClock(T0);
  const api = fakeVaultApi(overrides, { status: 'unlocked', settings: settingsView(), accounts: [], tokens: [], ...data });
  const r = render(App, { props: { api, time } });
  return {
    api,
    time,
    container: r.container,
    advance(ms) {
      time.advance(ms);
      flushSync();
    },
    unmount: r.unmount,
  };
}
