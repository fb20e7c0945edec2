/** The fixed lists the contract's views and schemas share, each declared once. */

export const AZION_MODES = ['session', 'personal'] as const;
export type AzionMode = (typeof AZION_MODES)[number];

/** How a token can be copied, in the order the menus offer them. */
export const COPY_FORMATS = ['raw', 'header', 'curl', 'export'] as const;
export type CopyFormat = (typeof COPY_FORMATS)[number];

/** Every kind of audit entry, as the filter and the schema list them. */
export const AUDIT_ACTIONS = ['mint', 'renew', 'copy', 'reveal', 'revoke', 'fail', 'unlock', 'lock', 'account', 'agent'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
