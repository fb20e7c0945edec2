import { z } from 'zod';
import type { Schemas } from './register.js';

/** One argument schema per channel. Tuples are strict: extra arguments are refused. */
export const schemas: Schemas = {
  'vault:status': z.tuple([]),
};
