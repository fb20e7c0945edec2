import type { AuditPage, AuditQuery } from '../../../preload/contract.js';
import type { AuditLog } from './AuditLog.js';

/**
 * Structurally main/serviceTypes.ts's AuditService (main/core cannot import outside itself; a test
 * checks the two stay assignable).
 */
export interface AuditPageService {
  page(query: AuditQuery): Promise<AuditPage>;
}

/** The `audit:page` channel's service: a page of entries, newest first, and the chain's verdict. */
export function createAuditService(log: AuditLog): AuditPageService {
  return { page: async (query) => log.page(query) };
}
