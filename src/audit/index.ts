/** The face of the Rechnungsprüfung: the tenant's event log as an auditor reads, exports and checks it. */
export { AuditLogQueries } from './queries/audit-log.query';
export type { AuditLogEntry } from './queries/audit-log.query';
export { AuditTrailQueries } from './queries/audit-trail.query';
export { CheckpointSigner } from './checkpoints/checkpoint-signer';
export { AUDIT_TRAIL_CONFIG, appendSignerOf, auditTrailConfigOf, loadAuditTrailConfig } from './audit-trail.config';
export type { AuditTrailConfig } from './audit-trail.config';
export { CLOSE_EVENT_TYPES, closeOccasion } from './checkpoints/close-occasions';
