/**
 * The payload of a JWT, decoded WITHOUT verifying it (we hold no key): used only to read facts the
 * server put there about its own token, such as `exp`. Undefined when it is not a JWT.
 */
export function decodeJwtPayload(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return undefined;
  try {
    const json = Buffer.from(parts[1], 'base64url').toString('utf8');
    const payload: unknown = JSON.parse(json);
    return typeof payload === 'object' && payload !== null && !Array.isArray(payload) ? (payload as Record<string, unknown>) : undefined;
  }
  // Stryker disable next-line BlockStatement: equivalent, falling out of an emptied catch returns undefined as well
  catch {
    return undefined;
  }
}

export function looksLikeJwt(token: string): boolean {
  return /^[\w-]+\.[\w-]+\.[\w-]+$/.test(token);
}
