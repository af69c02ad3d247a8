import { EntityManager } from 'typeorm';
import { LogCheckpoint, StoredEvent } from '../../../libs/event-store';
import { writeRowChanges } from '../../../libs/event-store/row-changes';
import { Decimal } from '../../../libs/money';
import { TimelineChange } from '../domain/forecast-timeline';
import { SozialraumYearKey } from './sozialraum-year-key';
import { TimelineChangeTables, TouchedYear, timelineChanges } from './timeline-changes.rows';

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

/** Records the changes of a batch into `table`; returns the Sozialraum-years they change, each with its last changing event. */
export async function recordTimelineChanges(manager: Pick<EntityManager, 'query'>, table: string, events: StoredEvent[]): Promise<TouchedYear[]> {
  const { changes, touched } = timelineChanges(table, events);
  await writeRowChanges<TimelineChangeTables>(manager, changes);
  return touched;
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
