import { AuditRecord } from '../../../libs/event-store/audit/audit-record';
import { CheckpointOccasion } from '../../../libs/event-store/audit/audit-tree';

/** The events that close a month (steering) or a Sozialraum-year (its budget). */
export const CLOSE_EVENT_TYPES = ['MonthClosed', 'BudgetClosed'] as const;

const BUDGET_STREAM = /^[^/]+\/budget\/([^/]+)\/(\d{4})$/;

/**
 * A month close and a year close each make a checkpoint due that covers the log up to and
 * including the close: what the Rechnungsprüfung later checks a closed month or year against.
 */
export function closeOccasion(record: AuditRecord): CheckpointOccasion | null {
  const correlationId = (record.metadata as { correlationId?: unknown }).correlationId;
  const cause = {
    eventId: record.eventId,
    position: record.position,
    type: record.type,
    correlationId: typeof correlationId === 'string' ? correlationId : '',
  };
  if (record.type === 'MonthClosed') {
    const data = record.data as { sozialraumId?: unknown; month?: unknown };
    const subject = [data.sozialraumId, data.month].filter((part): part is string => typeof part === 'string').join(' ');
    return { kind: 'month-close', subject: subject || null, cause };
  }
  if (record.type === 'BudgetClosed') {
    const stream = BUDGET_STREAM.exec(record.streamId);
    return { kind: 'year-close', subject: stream ? `${stream[1]} ${stream[2]}` : null, cause };
  }
  return null;
}
