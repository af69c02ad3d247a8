import { StoredEvent } from '../../../libs/event-store';
import { RowChange } from '../../../libs/event-store/row-changes';
import { formatAmount } from '../../../libs/money';
import { timelineChangeOf } from '../domain/forecast-timeline';
import { toBookEvent } from '../replay/sozialraum-year-replay';
import { SozialraumYearKey, sozialraumYearOf } from './sozialraum-year-key';

/** A row of a table of timeline changes (timelineChangeColumns). */
export interface TimelineChangeRow {
  tenant_id: string;
  sozialraum_id: string;
  fiscal_year: number;
  global_position: string;
  transaction_id: string;
  business_date: string;
  event_id: string;
  type: string;
  delta: string;
  /** The planning event's data as JSON text, for a change of B. */
  planning: string | null;
  /** The cause as JSON text. */
  cause: string | null;
}
/** Each consumer keeps its changes in a table of its own, with the same columns. */
export type TimelineChangeTables = Record<string, TimelineChangeRow>;

export interface TouchedYear {
  key: SozialraumYearKey;
  /** The last event of the batch that changes the year. */
  cause: StoredEvent;
}

/**
 * The rows of the changes a batch makes to Sozialraum-years' forecasts or B (one per changing
 * event; an event recorded before stays as it is), and the years they change.
 */
export function timelineChanges(table: string, events: readonly StoredEvent[]): { changes: RowChange<TimelineChangeTables>[]; touched: TouchedYear[] } {
  const changes: RowChange<TimelineChangeTables>[] = [];
  const touched = new Map<string, TouchedYear>();
  for (const event of events) {
    const key = sozialraumYearOf(event);
    if (!key) continue;
    const change = timelineChangeOf(key.sozialraumId, key.fiscalYear, toBookEvent(event));
    if (!change) continue;
    changes.push({
      kind: 'insert',
      table,
      row: {
        tenant_id: key.tenantId,
        sozialraum_id: key.sozialraumId,
        fiscal_year: key.fiscalYear,
        global_position: event.globalPosition.toString(),
        transaction_id: event.transactionId.toString(),
        business_date: change.businessDate,
        event_id: change.eventId,
        type: change.type,
        delta: formatAmount(change.delta),
        planning: change.planning === null ? null : JSON.stringify(change.planning),
        cause: change.cause === null ? null : JSON.stringify(change.cause),
      },
      onConflict: 'ignore',
    });
    touched.set(JSON.stringify([key.tenantId, key.sozialraumId, key.fiscalYear]), { key, cause: event });
  }
  return { changes, touched: [...touched.values()] };
}
