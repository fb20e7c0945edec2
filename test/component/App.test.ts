import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { AppEvent, Result, VaultApi, VaultStatus } from '../../preload/contract.js';
import App from '../../renderer/src/App.svelte';

function fakeApi(result: Result<VaultStatus>): VaultApi & { emit(e: AppEvent): void } {
  const listeners = new Set<(e: AppEvent) => void>();
  return {
    status: async () => result,
    onEvent(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    emit: (e) => listeners.forEach((l) => l(e)),
  };
}

describe('App', () => {
  it('shows the status main reports', async () => {
    render(App, { props: { api: fakeApi({ ok: true, value: 'uninitialized' }) } });
    expect(await screen.findByText('No vault yet')).toBeTruthy();
  });

  it('shows the message of an error result', async () => {
    render(App, { props: { api: fakeApi({ ok: false, error: { code: 'INTERNAL', message: 'Something broke; try again.', retryable: true } }) } });
    expect((await screen.findByRole('alert')).textContent).toContain('Something broke');
  });
});
