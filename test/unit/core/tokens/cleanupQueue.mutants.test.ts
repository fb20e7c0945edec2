import { describe, expect, it } from 'vitest';
import { AppError, DEFAULT_MESSAGES } from '../../../../main/core/errors.js';
import type { StoredTokenRef } from '../../../../main/core/providers/types.js';
import { cleanupBackoffMs, cleanupErrorOf, dueCleanup, leftoverSink } from '../../../../main/core/tokens/cleanupQueue.js';
import type { CleanupRecord } from '../../../../main/core/vault/vaultRecords.js';
import { makeRuntime, type LogLine } from './runtimeRig.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const LEFTOVER = 'leftover-session-not-a-real-one-4242';

function leftover(expiresAt: number): StoredTokenRef {
  return { kind: 'azion-session', value: LEFTOVER, expiresAt, meta: { base: 'https://api.azionapi.net' } };
}

function record(id: string, nextAttemptAt: number, expiresAt: number): CleanupRecord {
  return {
    id,
    accountId: 'a',
    token: { kind: 'azion-session', value: `value-${id}-not-real`, expiresAt },
    reason: 'test',
    createdAt: 0,
    attempts: 1,
    nextAttemptAt,
    lastError: { code: 'NETWORK', message: 'x' },
  };
}

describe('cleanupBackoffMs', () => {
  it('waits 30 s after the first failure, doubling each time, capped at 30 min', () => {
    expect(cleanupBackoffMs(0)).toBe(30 * SECOND);
    expect(cleanupBackoffMs(1)).toBe(30 * SECOND);
    expect(cleanupBackoffMs(2)).toBe(MINUTE);
    expect(cleanupBackoffMs(3)).toBe(2 * MINUTE);
    expect(cleanupBackoffMs(6)).toBe(16 * MINUTE);
    expect(cleanupBackoffMs(7)).toBe(30 * MINUTE);
    expect(cleanupBackoffMs(50)).toBe(30 * MINUTE);
  });
});

describe('leftoverSink', () => {
  it('queues the credential with its redacted error, a first retry 30 s later, and sends the list with the pending count', async () => {
    const rig = makeRuntime();
    const now = rig.clock.now();
    const sink = leftoverSink(rig.runtime, 'a', 'temporary session of a personal mint');
    sink(leftover(now + 60 * MINUTE), new AppError('NETWORK', `the server echoed ${LEFTOVER}`));
    await rig.runtime.settled();

    const queued = rig.vault.read().cleanup!;
    expect(queued).toHaveLength(1);
    expect(queued[0]).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{32}$/),
      accountId: 'a',
      token: leftover(now + 60 * MINUTE),
      reason: 'temporary session of a personal mint',
      createdAt: now,
      attempts: 1,
      nextAttemptAt: now + 30 * SECOND,
      lastError: { code: 'NETWORK', message: 'the server echoed [redacted]' },
    });
    // The value is a secret from now on: every later log line or error text hides it.
    expect(rig.redactor.redact(`a line with ${LEFTOVER}`)).toBe('a line with [redacted]');
    expect(rig.lists()).toHaveLength(1);
    expect(rig.events.at(-1)).toMatchObject({ type: 'tokens-changed', pendingCleanup: 1 });
  });

  it('keeps the default message of a failure that is not an AppError, never its own text', async () => {
    const rig = makeRuntime();
    leftoverSink(rig.runtime, 'a', 'r')(leftover(rig.clock.now() + MINUTE), new Error('socket hang up at 10.0.0.1'));
    await rig.runtime.settled();
    expect(rig.vault.read().cleanup![0]!.lastError).toEqual({ code: 'INTERNAL', message: DEFAULT_MESSAGES.INTERNAL });
  });

  it('logs an error (account, kind, code, expiry; no value) when even the queue cannot be written', async () => {
    const rig = makeRuntime();
    const expiresAt = rig.clock.now() + MINUTE;
    rig.vault.failPersist = true;
    leftoverSink(rig.runtime, 'a', 'r')(leftover(expiresAt), new AppError('NETWORK'));
    await rig.runtime.settled();
    const errors = rig.lines.map((l) => JSON.parse(l) as LogLine).filter((l) => l.level === 'error');
    expect(errors).toEqual([
      expect.objectContaining({
        msg: 'a credential left on the server could not be queued for revoking',
        accountId: 'a',
        kind: 'azion-session',
        code: 'INTERNAL',
        expiresAt,
      }),
    ]);
    expect(rig.lines.join('\n')).not.toContain(LEFTOVER);
    expect(rig.lists()).toEqual([]);
  });
});

describe('dueCleanup', () => {
  const NOW = 1_000_000;

  it('skips a record whose retry is in flight', () => {
    const data = { cleanup: [record('busy', NOW - 1, NOW + MINUTE), record('idle', NOW - 1, NOW + MINUTE)] };
    expect(dueCleanup(data, new Set(['busy']), NOW).due.map((r) => r.id)).toEqual(['idle']);
    expect(dueCleanup(data, new Set(['busy', 'idle']), NOW)).toEqual({ due: [], nextAt: null });
  });

  it('makes a record due 1 ms after its token expires (to be dropped), not at the expiry instant', () => {
    const data = { cleanup: [record('r', NOW + MINUTE, NOW)] };
    expect(dueCleanup(data, new Set(), NOW)).toEqual({ due: [], nextAt: NOW + 1 });
    expect(dueCleanup(data, new Set(), NOW + 1).due.map((r) => r.id)).toEqual(['r']);
  });

  it('gives the nearest future due time, whatever the order of the queue', () => {
    const far = record('far', NOW + 3 * MINUTE, NOW + 60 * MINUTE);
    const near = record('near', NOW + MINUTE, NOW + 60 * MINUTE);
    const mid = record('mid', NOW + 2 * MINUTE, NOW + 60 * MINUTE);
    for (const cleanup of [
      [far, near, mid],
      [near, far, mid],
      [mid, far, near],
    ]) {
      expect(dueCleanup({ cleanup }, new Set(), NOW)).toEqual({ due: [], nextAt: NOW + MINUTE });
    }
    expect(dueCleanup({}, new Set(), NOW)).toEqual({ due: [], nextAt: null });
  });
});

describe('cleanupErrorOf', () => {
  it('keeps the code and the redacted message of an AppError', () => {
    const rig = makeRuntime();
    rig.redactor.add(LEFTOVER);
    expect(cleanupErrorOf(rig.runtime, new AppError('SERVER_ERROR', `500 for ${LEFTOVER}`))).toEqual({
      code: 'SERVER_ERROR',
      message: '500 for [redacted]',
    });
    expect(cleanupErrorOf(rig.runtime, 'a thrown string')).toEqual({ code: 'INTERNAL', message: DEFAULT_MESSAGES.INTERNAL });
  });
});
