import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import App from '../../renderer/src/App.svelte';
import { fakeVaultApi } from '../support/fakeVaultApi.js';

describe('App', () => {
  it('shows the status main reports', async () => {
    render(App, { props: { api: fakeVaultApi({ status: async () => ({ ok: true, value: 'uninitialized' }) }) } });
    expect(await screen.findByText('No vault yet')).toBeTruthy();
  });

  it('shows the message of an error result', async () => {
    const api = fakeVaultApi({ status: async () => ({ ok: false, error: { code: 'INTERNAL', message: 'Something broke; try again.', retryable: true } }) });
    render(App, { props: { api } });
    expect((await screen.findByRole('alert')).textContent).toContain('Something broke');
  });
});
