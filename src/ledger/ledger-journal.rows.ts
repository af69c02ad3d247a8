import { StoredEvent } from '../../libs/event-store/event-store.port';
import { RowChange } from '../../libs/event-store/row-changes';
import { formatAmount } from '../../libs/money';
import { LedgerEvent, isLedgerEvent } from './ledger-events';
import { ledgerLines } from './ledger-lines';

export type LedgerJournalTables = {
  ledger_entries: {
    event_id: string;
    line: number;
    global_position: string;
    tenant_id: string;
    stream_id: string;
    event_type: LedgerEvent['type'];
    sozialraum_id: string;
    fiscal_year: number;
    category: string | null;
    in_budget: boolean;
    out_of_budget_reason: string | null;
    provider_id: string | null;
    source_kind: string;
    source_id: string;
    case_ref: string | null;
    month: string;
    measure: 'forecast' | 'actual' | 'revenue';
    amount: string;
    business_date: string;
    recorded_at: Date;
  };
};
export type LedgerJournalChange = RowChange<LedgerJournalTables>;

/** The journal's rows: one per month line of every money-movement event, numbered within it; an event journaled before stays as it is. */
export function ledgerJournalChanges(events: readonly StoredEvent[]): LedgerJournalChange[] {
  const changes: LedgerJournalChange[] = [];
  for (const event of events) {
    if (!isLedgerEvent(event)) continue;
    const businessDate = event.metadata.businessDate;
    // Every money movement counts on a business date (R5); the journal's queries select by it.
    if (!businessDate) throw new Error(`ledger event ${event.eventId} (${event.type} on ${event.streamId}) has no business date`);
    ledgerLines(event).forEach((line, index) =>
      changes.push({
        kind: 'insert',
        table: 'ledger_entries',
        row: {
          event_id: event.eventId,
          line: index,
          global_position: event.globalPosition.toString(),
          tenant_id: event.metadata.tenantId,
          stream_id: event.streamId,
          event_type: event.type,
          sozialraum_id: line.sozialraumId,
          fiscal_year: line.fiscalYear,
          category: line.category,
          in_budget: line.inBudget,
          out_of_budget_reason: line.outOfBudgetReason,
          provider_id: line.providerId,
          source_kind: line.sourceKind,
          source_id: line.sourceId,
          case_ref: line.caseRef,
          month: line.month,
          measure: line.measure,
          amount: formatAmount(line.amount),
          business_date: businessDate,
          recorded_at: event.recordedAt,
        },
        onConflict: 'ignore',
      }),
    );
  }
  return changes;
}
