import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../../../main/core/errors.js';
import { dispatch, registerHandlers, type Handlers, type InvokeEventLike, type RegisterOptions } from '../../../main/ipc/register.js';
import { createHandlers } from '../../../main/ipc/handlers.js';
import { schemas } from '../../../preload/schemas.js';
import type { Services } from '../../../main/core/services.js';

const TRUSTED = 'app://token-vault/index.html';
const event = (url = TRUSTED, parent: unknown = null): InvokeEventLike => ({ senderFrame: { url, parent } });

function options(status: Handlers['vault:status']): RegisterOptions {
  return { handlers: { ...createHandlers({} as Services), 'vault:status': status }, schemas, isTrustedSender: (u) => u.startsWith('app://token-vault/') };
}

describe('registerHandlers / dispatch', () => {
  it('wraps a value as ok', async () => {
    expect(await dispatch('vault:status', event(), [], options(() => 'locked'))).toEqual({ ok: true, value: 'locked' });
  });

  it('refuses foreign origins, sub-frames and missing frames without running the handler', async () => {
    let ran = 0;
    const o = options(() => {
      ran++;
      return 'locked';
    });
    for (const e of [event('https://evil.example/'), event(TRUSTED, {}), { senderFrame: null }]) {
      const r = await dispatch('vault:status', e, [], o);
      expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    }
    expect(ran).toBe(0);
  });

  it('refuses arguments that do not match the schema', async () => {
    const r = await dispatch('vault:status', event(), ['extra'], options(() => 'locked'));
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENT' } });
  });

  it('turns unknown errors into INTERNAL without their text', async () => {
    const r = await dispatch('vault:status', event(), [], options(() => {
      throw new Error('open /home/u/secret-password-hunter2 failed');
    }));
    expect(r).toEqual({ ok: false, error: { code: 'INTERNAL', message: expect.any(String), retryable: true } });
    expect(JSON.stringify(r)).not.toContain('hunter2');
  });

  it('passes AppErrors through as data', async () => {
    const r = await dispatch('vault:status', event(), [], options(() => {
      throw new AppError('LOCKED');
    }));
    expect(r).toMatchObject({ ok: false, error: { code: 'LOCKED', retryable: false } });
  });

  it('never hands the event object to a handler', async () => {
    let seen: unknown[] = [];
    const ipc = { listeners: new Map<string, (e: InvokeEventLike, ...a: unknown[]) => Promise<unknown>>(), handle(c: string, l: (e: InvokeEventLike, ...a: unknown[]) => Promise<unknown>) { this.listeners.set(c, l); } };
    registerHandlers(ipc, options(((...args: unknown[]) => {
      seen = args;
      return 'locked';
    }) as Handlers['vault:status']));
    await ipc.listeners.get('vault:status')!(event());
    expect(ipc.listeners.size).toBe(Object.keys(schemas).length);
    expect(seen).toEqual([]);
  });

  it('schemas are strict tuples', () => {
    expect(schemas['vault:status'].safeParse([]).success).toBe(true);
    expect(schemas['vault:status'].safeParse([1]).success).toBe(false);
    expect(z.tuple([]).safeParse({}).success).toBe(false);
  });
});
