import { EntityManager } from 'typeorm';
import { LogCheckpoint, StoredEvent } from '../../../libs/event-store';
import { Decimal, formatAmount } from '../../../libs/money';
import { TimelineChange, timelineChangeOf } from '../domain/forecast-timeline';
import { toBookEvent } from '../replay/sozialraum-year-replay';
import { SozialraumYearKey, sozialraumYearOf } from './sozialraum-year-key';

/**
 * Timeline changes kept as compact rows (one per event that changes a year's forecast or B), so
 * that a consumer can compute a year's timeline on every batch without reading the year's events
 * again. Each consumer keeps its own table (`<table>`), so each rebuilds on its own.
 */
export const timelineChangeColumns = `
  tenant_id       text not null,
  sozialraum_id   text not null,
  fiscal_year     integer not null,
  global_position bigint not null,
  transaction_id  bigint not null,
  business_date   text not null,
  event_id        uuid not null,
  type            text not null,
  delta           numeric(14, 2) not null,
  planning        jsonb,
  cause           jsonb,
  primary key (tenant_id, sozialraum_id, fiscal_year, global_position)`;

interface ChangeRow {
  global_position: string;
  business_date: string;
  event_id: string;
  type: string;
  delta: string;
  planning: unknown | null;
  cause: TimelineChange['cause'];
}

/** Records the changes of a batch; returns the Sozialraum-years they change, each with its last changing event. */
export async function recordTimelineChanges(manager: EntityManager, table: string, events: StoredEvent[]): Promise<Array<{ key: SozialraumYearKey; cause: StoredEvent }>> {
  const touched = new Map<string, { key: SozialraumYearKey; cause: StoredEvent }>();
  for (const event of events) {
    const key = sozialraumYearOf(event);
    if (!key) continue;
    const change = timelineChangeOf(key.sozialraumId, key.fiscalYear, toBookEvent(event));
    if (!change) continue;
    await manager.query(
      `insert into ${table} (tenant_id, sozialraum_id, fiscal_year, global_position, transaction_id, business_date, event_id, type, delta, planning, cause)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) on conflict do nothing`,
      [
        key.tenantId,
        key.sozialraumId,
        key.fiscalYear,
        event.globalPosition.toString(),
        event.transactionId.toString(),
        change.businessDate,
        change.eventId,
        change.type,
        formatAmount(change.delta),
        change.planning === null ? null : JSON.stringify(change.planning),
        change.cause === null ? null : JSON.stringify(change.cause),
      ],
    );
    touched.set(`${key.tenantId}|${key.sozialraumId}|${key.fiscalYear}`, { key, cause: event });
  }
  return [...touched.values()];
}

/** A year's changes, optionally only those up to a log checkpoint or up to a business date. */
export async function loadTimelineChanges(
  db: Pick<EntityManager, 'query'>,
  table: string,
  key: SozialraumYearKey,
  options: { upTo?: LogCheckpoint; asOf?: string } = {},
): Promise<TimelineChange[]> {
  const rows: ChangeRow[] = await db.query(
    `select global_position::text, business_date, event_id, type, delta::text, planning, cause from ${table}
      where tenant_id = $1 and sozialraum_id = $2 and fiscal_year = $3
        and ($4::bigint is null or (transaction_id, global_position) <= ($4::bigint, $5::bigint))
        and ($6::text is null or business_date <= $6::text)
      order by business_date, global_position`,
    [
      key.tenantId,
      key.sozialraumId,
      key.fiscalYear,
      options.upTo?.transactionId.toString() ?? null,
      options.upTo?.position.toString() ?? null,
      options.asOf ?? null,
    ],
  );
  return rows.map((r) => ({
    businessDate: r.business_date,
    eventId: r.event_id,
    type: r.type,
    position: BigInt(r.global_position),
    delta: new Decimal(r.delta),
    planning: r.planning,
    cause: r.cause,
  }));
}
