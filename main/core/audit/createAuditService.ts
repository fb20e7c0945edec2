import type { AuditService } from '../services.js';
import type { AuditLog } from './AuditLog.js';

/** The `audit:page` channel's service: a page of entries, newest first, and the chain's verdict. */
export function createAuditService(log: AuditLog): AuditService {
  return { page: async (query) => log.page(query) };
}
