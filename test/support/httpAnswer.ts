import { AppError } from '../../main/core/errors.js';
import type { HttpResponse } from '../../main/core/http/httpTypes.js';

/**
 * An answer as the HTTP client hands it over, for the providers' error mappings: `text` is the body
 * (a non-string is sent as JSON, undefined as an empty body) and `json()` parses it, throwing
 * BAD_RESPONSE when it is not JSON, as the client does.
 */
export function httpAnswer(status: number, body: unknown, at: { url: string; headers?: Record<string, string> }): HttpResponse {
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  const host = new URL(at.url).host;
  return {
    status,
    headers: new Headers(at.headers ?? {}),
    url: at.url,
    host,
    text,
    json() {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw new AppError('BAD_RESPONSE', `${host} answered (HTTP ${status}) with something that is not JSON.`);
      }
    },
  };
}
