import type { AgentGrantView, VaultApi } from '../../../preload/contract';
import type { Toasts } from '../shared/toasts.svelte.js';

/** Command-line grants, as main last reported them (Settings lists them and revokes one). */
export class AgentGrantStore {
  #list = $state.raw<AgentGrantView[]>([]);
  #api: VaultApi;
  #toasts: Toasts;
  #announce: (text: string) => void;

  constructor(api: VaultApi, toasts: Toasts, announce: (text: string) => void) {
    this.#api = api;
    this.#toasts = toasts;
    this.#announce = announce;
  }

  get list(): AgentGrantView[] {
    return this.#list;
  }

  /** Main's 'agent-grants-changed' event. */
  replace(grants: AgentGrantView[]): void {
    this.#list = grants;
  }

  async load(): Promise<void> {
    const r = await this.#api.agentGrants();
    if (r.ok) this.#list = r.value;
  }

  async revoke(id: string): Promise<void> {
    const r = await this.#api.revokeAgentGrant(id);
    if (r.ok) this.#announce('Permission revoked.');
    else this.#toasts.show({ kind: 'error', title: 'Not revoked', detail: r.error.message });
    await this.load();
  }

  drop(): void {
    this.#list = [];
  }
}
