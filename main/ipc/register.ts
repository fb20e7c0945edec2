import type { z } from 'zod';
import type { ArgsOf, Channel, Result, ResultOf } from '../../preload/contract.js';
import type { schemas } from '../../preload/schemas.js';
import { AppError, toErrorData } from '../core/errors.js';
import type { Logger } from '../core/log.js';

/** The part of Electron's ipcMain we use; the e2e harness provides the same shape. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
}

/** The part of Electron's IpcMainInvokeEvent we look at: who sent it. */
export interface InvokeEventLike {
  senderFrame: { url: string; parent: unknown } | null;
}

export type Handler<C extends Channel> = (...args: ArgsOf<C>) => Promise<ResultOf<C>> | ResultOf<C>;
export type Handlers = { [C in Channel]: Handler<C> };
export type Schemas = typeof schemas;

export interface RegisterOptions {
  handlers: Handlers;
  schemas: Schemas;
  /** True when the URL belongs to our own UI (app:// in production, the dev/harness origin otherwise). */
  isTrustedSender: (frameUrl: string) => boolean;
  logger?: Logger;
  /** Called for every call from a trusted sender, before its handler (the idle auto-lock's activity). */
  onCall?: () => void;
}

/**
 * The only way a handler is registered. For every call it checks the sender frame, validates the
 * arguments, runs the handler without Electron's event object, and wraps the outcome as a Result so
 * errors cross IPC as data. Unknown errors become INTERNAL and their text stays in main.
 */
export function registerHandlers(ipc: IpcMainLike, opts: RegisterOptions): void {
  for (const channel of Object.keys(opts.handlers) as Channel[]) {
    ipc.handle(channel, (event, ...args) => dispatch(channel, event, args, opts));
  }
}

export async function dispatch<C extends Channel>(
  channel: C,
  event: InvokeEventLike,
  args: unknown[],
  opts: RegisterOptions,
): Promise<Result<ResultOf<C>>> {
  try {
    const frame = event.senderFrame;
    // Only our own top-level document may call: not an iframe, not a navigated-away page.
    if (!frame || frame.parent || !opts.isTrustedSender(frame.url)) {
      throw new AppError('FORBIDDEN_SENDER');
    }
    opts.onCall?.();
    const schema = opts.schemas[channel] as unknown as z.ZodType<ArgsOf<C>>;
    const parsed = schema.safeParse(args);
    if (!parsed.success) throw new AppError('BAD_ARGUMENT');
    const handler = opts.handlers[channel] as Handler<C>;
    const value = await handler(...parsed.data);
    return { ok: true, value };
  } catch (e) {
    if (!(e instanceof AppError)) opts.logger?.error('ipc handler failed', { channel, error: e });
    return { ok: false, error: toErrorData(e) };
  }
}
