import { AppError } from '../errors.js';

/**
 * Reads a response body as UTF-8 text, refusing anything over `maxBytes`. The declared length is
 * checked first, then the bytes actually received, because a server can lie or stream without one.
 */
export async function readCappedBody(res: Response, maxBytes: number, host: string): Promise<string> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw tooLarge(host, maxBytes);
  }
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(host, maxBytes);
    }
    chunks.push(value);
  }
  return new TextDecoder('utf-8').decode(Buffer.concat(chunks));
}

function tooLarge(host: string, maxBytes: number): AppError {
  const limit = maxBytes >= 1024 * 1024 ? `${Math.round(maxBytes / (1024 * 1024))} MiB` : `${maxBytes} bytes`;
  return new AppError(
    'BAD_RESPONSE',
    `The answer from ${host} was larger than ${limit}, which no token server sends. Check the account's base URL, then try again.`,
  );
}
