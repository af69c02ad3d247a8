/** The face of the Rechnungsprüfung: the tenant's event log as an auditor reads and exports it. */
export { AuditLogQueries } from './queries/audit-log.query';
export type { AuditLogEntry } from './queries/audit-log.query';
