/// <reference types="svelte" />
import type { VaultApi } from '../../preload/contract';

declare global {
  interface Window {
    /** The preload bridge: the renderer's only way to reach main. */
    readonly vault: VaultApi;
  }
}
