import type { InvokeEventLike, IpcMainLike } from '../../../main/ipc/register.js';

type Listener = (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>;

/** Stands in for ipcMain: main's registration helper registers here exactly as on Electron's. */
export class ShimIpcMain implements IpcMainLike {
  readonly #handlers = new Map<string, Listener>();

  handle(channel: string, listener: Listener): void {
    if (this.#handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.#handlers.set(channel, listener);
  }

  channels(): string[] {
    return [...this.#handlers.keys()];
  }

  async invoke(channel: string, event: InvokeEventLike, args: unknown[]): Promise<unknown> {
    const listener = this.#handlers.get(channel);
    // Electron rejects invokes on unhandled channels the same way.
    if (!listener) throw new Error(`No handler registered for '${channel}'`);
    return listener(event, ...args);
  }
}
