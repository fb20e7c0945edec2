import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentGrantView } from '../../preload/contract.js';
import { T0 } from '../support/fakeVaultApi.js';
import { renderApp } from './renderApp.js';

afterEach(cleanup);

const grant = (patch: Partial<AgentGrantView> = {}): AgentGrantView => ({
  id: 'g1',
  accountId: 'acc-azion',
  accountLabel: 'azion-prod',
  caller: { exe: '/usr/bin/bash', pid: 4242, command: 'bash -l', cwd: '/home/me/infra', verified: true },
  grantedAt: T0,
  expiresAt: T0 + 8 * 60_000,
  ...patch,
});

describe('Settings → Command line', () => {
  it('lists the programs allowed now, and revokes one through main', async () => {
    let grants = [grant(), grant({ id: 'g2', accountLabel: 'ocean', caller: { ...grant().caller, exe: '/usr/bin/zsh', verified: false } })];
    const app = renderApp(
      {},
      {
        agentGrants: async () => ({ ok: true, value: grants }),
        revokeAgentGrant: async (id) => {
          grants = grants.filter((g) => g.id !== id);
          return { ok: true, value: undefined };
        },
      },
    );
    await screen.findByRole('navigation', { name: 'Main' });
    app.api.emit({ type: 'navigate', screen: 'settings' });
    const list = await screen.findByRole('list', { name: 'Programs allowed now' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    expect(list.textContent).toContain('/usr/bin/bash');
    expect(list.textContent).toMatch(/8m 00s left/);
    expect(list.textContent).toContain('unverified');
    await fireEvent.click(screen.getByRole('button', { name: 'Revoke /usr/bin/bash for azion-prod' }));
    expect(app.api.callsTo('revokeAgentGrant')).toEqual([['g1']]);
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(1));
    // Main's push replaces the list (a grant added or dropped on lock while Settings is open).
    app.api.emit({ type: 'agent-grants-changed', grants: [] });
    await waitFor(() => expect(screen.queryByRole('list', { name: 'Programs allowed now' })).toBeNull());
    expect(screen.getByText(/None: the next request from the command line will ask you/)).toBeTruthy();
  });

  it('the unlock screen says which program asked the locked vault', async () => {
    const app = renderApp({ status: 'locked' });
    await screen.findByLabelText('Master password');
    app.api.emit({ type: 'unlock-requested', caller: '/usr/bin/bash (pid 4242) in /home/me/infra' });
    expect((await screen.findByRole('status')).textContent).toContain('/usr/bin/bash (pid 4242)');
  });
});
