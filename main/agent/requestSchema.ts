import { z } from 'zod';
import { GET_FORMATS, type AgentRequest } from './protocol.js';

// Bounds keep a hostile local process from pushing large values into prompts, logs or the audit trail.
const name = z.string().min(1).max(200);
const header = { v: z.number(), id: z.number().int().min(0).max(2 ** 31) };

const caller = z.strictObject({
  pid: z.number().int().min(1).max(2 ** 31),
  ppid: z.number().int().min(0).max(2 ** 31),
  cwd: z.string().max(4096),
  argv: z.array(z.string().max(1024)).max(64),
  socketInode: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  socketFd: z.number().int().min(0).max(2 ** 31).optional(),
});

/** Every request the agent understands; anything else is BAD_REQUEST. */
export const requestSchema = z.discriminatedUnion('op', [
  z.strictObject({ ...header, op: z.literal('hello'), client: z.string().max(100), caller }),
  z.strictObject({ ...header, op: z.literal('status') }),
  z.strictObject({ ...header, op: z.literal('list') }),
  z.strictObject({
    ...header,
    op: z.literal('get'),
    account: name,
    minTtlMs: z.number().int().min(0).max(366 * 24 * 3_600_000).optional(),
    format: z.enum(GET_FORMATS).optional(),
  }),
  z.strictObject({ ...header, op: z.literal('mint'), account: name }),
  z.strictObject({ ...header, op: z.literal('revoke'), token: z.string().min(1).max(64).regex(/^[\w-]+$/) }),
  z.strictObject({ ...header, op: z.literal('revokeAll'), account: name }),
  z.strictObject({ ...header, op: z.literal('lock') }),
]) satisfies z.ZodType<AgentRequest>;
