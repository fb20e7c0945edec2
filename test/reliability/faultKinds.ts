/**
 * Everything a token server or the network between can do wrong, scripted on the fakes for the next
 * matching request, with the code a user should see (a call may answer differently: FaultCall.codes).
 * None of them is a server's confirmation of anything: a 200 with a truncated, unrelated or HTML body
 * fails a revoke too (BAD_RESPONSE), since only the documented answer proves a token is dead.
 */
import type { ErrorCode } from '../../preload/contract.js';
import type { FakeServer, RequestMatch } from '../fakes/fakeHttp.js';

export interface FaultKind {
  name: string;
  inject(server: FakeServer, match: RequestMatch): void;
  /** Clock time to move once the faulted request has reached the fake (timeouts), else 0. */
  advanceMs: number;
  /** The acceptable codes. */
  codes: readonly ErrorCode[];
}

const HTML_502 = '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>';
const TWO_MIB = 2 * 1024 * 1024;

export function faultKinds(http: { timeoutMs: number; connectTimeoutMs: number }): FaultKind[] {
  const timeout = ['TIMEOUT'] as const;
  return [
    { name: 'HTTP 500 with a JSON body', advanceMs: 0, codes: ['SERVER_ERROR'], inject: (s, match) => s.failNext({ match, status: 500, body: { error: 'Internal Server Error' } }) },
    {
      name: "a proxy's HTML 502",
      advanceMs: 0,
     
      codes: ['SERVER_ERROR'],
      inject: (s, match) => s.failNext({ match, status: 502, headers: { 'content-type': 'text/html' }, body: HTML_502 }),
    },
    { name: 'HTTP 429 without a reset time', advanceMs: 0, codes: ['RATE_LIMITED'], inject: (s, match) => s.failNext({ match, status: 429, body: { detail: 'Request was throttled.' } }) },
    { name: 'no answer (connect timeout)', advanceMs: http.connectTimeoutMs + 1, codes: timeout, inject: (s, match) => s.delayNext({ match, ms: Infinity }) },
    {
      name: 'headers, then a body that never comes (total timeout)',
      advanceMs: http.timeoutMs + 1,
     
      codes: timeout,
      inject: (s, match) => s.delayNext({ match, ms: Infinity, phase: 'body' }),
    },
    { name: 'connection reset before the answer', advanceMs: 0, codes: ['NETWORK'], inject: (s, match) => s.resetNext({ match }) },
    { name: 'connection reset mid-body', advanceMs: 0, codes: ['NETWORK'], inject: (s, match) => s.resetNext({ match, midBody: true }) },
    { name: 'oversized body (declared)', advanceMs: 0, codes: ['BAD_RESPONSE'], inject: (s, match) => s.oversizedNext({ match, bytes: TWO_MIB }) },
    { name: 'oversized body (chunked)', advanceMs: 0, codes: ['BAD_RESPONSE'], inject: (s, match) => s.oversizedNext({ match, bytes: TWO_MIB, chunked: true }) },
    {
      name: 'truncated JSON',
      advanceMs: 0,
     
      codes: ['BAD_RESPONSE'],
      inject: (s, match) => s.failNext({ match, status: 200, headers: { 'content-type': 'application/json' }, body: '{"token": "eyJhbGciOiJIUzI1NiJ9.eyJ' }),
    },
    { name: 'JSON of the wrong shape', advanceMs: 0, codes: ['BAD_RESPONSE'], inject: (s, match) => s.failNext({ match, status: 200, body: { results: [1, 2, 3], token: 42, nonce: { n: 1 } } }) },
    { name: 'an HTML page with status 200', advanceMs: 0, codes: ['BAD_RESPONSE'], inject: (s, match) => s.failNext({ match, status: 200, headers: { 'content-type': 'text/html' }, body: '<html><body>Welcome to nginx!</body></html>' }) },
  ];
}
