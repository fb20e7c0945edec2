import { describe, expect, it } from 'vitest';
import type { HttpRequest, HttpResponse } from '../../../../../main/core/http/httpTypes.js';
import type { AzionCall } from '../../../../../main/core/providers/azion/azionCall.js';
import { revokePersonalToken } from '../../../../../main/core/providers/azion/azionPersonal.js';
import { FakeClock } from '../../../../support/FakeClock.js';

/** An Azion that answers every call with one status: the statuses no real server on a socket can send. */
function answering(status: number): { call: AzionCall; sent: HttpRequest[] } {
  const sent: HttpRequest[] = [];
  const call: AzionCall = (req) => {
    sent.push(req);
    const res: HttpResponse = { status, headers: new Headers(), url: req.url, host: 'api.azion.test', text: '', json: () => undefined };
    return Promise.resolve(res);
  };
  return { call, sent };
}

describe('revokePersonalToken', () => {
  it('only a 2xx other than 204 counts as an unconfirmed delete; a status below 200 is unexpected', async () => {
    const { call, sent } = answering(199);
    const auth = { header: 'Token s', kind: 'personal-token' as const, secret: 's' };
    const err = await revokePersonalToken({ call, clock: new FakeClock() }, { apiBase: 'https://api.azion.test', auth, uuid: 'u/1' }).then(
      () => undefined,
      (e: unknown) => e as { code: string; message: string; retryable?: boolean },
    );
    expect(sent.map((r) => `${r.method} ${r.url}`)).toEqual(['DELETE https://api.azion.test/iam/personal_tokens/u%2F1']);
    expect(err?.code).toBe('BAD_RESPONSE');
    expect(err?.message).toBe("Azion (api.azion.test) answered with an unexpected status (HTTP 199). Check the account's base URLs.");
    expect(err?.retryable).not.toBe(true);
  });
});
