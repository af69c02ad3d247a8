import { StoredEvent } from '../../../libs/event-store';
import { isLedgerEvent } from '../../ledger';
import { isPlanningEvent } from '../domain/planned-budget';

const BUDGET_STREAM = /^([^/]+)\/budget\/([^/]+)\/(\d{4})$/;

export interface SozialraumYearKey {
  tenantId: string;
  sozialraumId: string;
  fiscalYear: number;
}

/**
 * The Sozialraum-year whose forecast or B an event changes: ledger events (commitments,
 * releases, accruals) name it in their data, planning events through their budget stream.
 * Revenue never changes budget consumption (R2), so it touches no year's forecast.
 */
export function sozialraumYearOf(event: StoredEvent): SozialraumYearKey | null {
  if (isLedgerEvent(event)) {
    if (event.type === 'RevenueRecorded') return null;
    return { tenantId: event.metadata.tenantId, sozialraumId: event.data.sozialraumId, fiscalYear: event.data.fiscalYear };
  }
  if (isPlanningEvent(event)) {
    const m = BUDGET_STREAM.exec(event.streamId);
    if (m) return { tenantId: m[1], sozialraumId: m[2], fiscalYear: Number(m[3]) };
  }
  return null;
}
