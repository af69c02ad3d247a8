import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AsProjection, Projection } from '../../../libs/event-store/nest/projection.decorator';
import { LogCheckpoint, StoredEvent, compareCheckpoints } from '../../../libs/event-store';
import { PostgresEventStore } from '../../../libs/event-store/postgres/postgres-event-store';
import { forecastTimeline, timelineJson } from '../domain/forecast-timeline';
import { toBookEvent } from '../replay/sozialraum-year-replay';
import { SozialraumYearKey, sozialraumYearOf } from './sozialraum-year-key';

/**
 * The forecast timeline (Hochrechnung over the business dates, with causes and running %) of
 * every Sozialraum-year touched by a batch, recomputed from the log as far as this consumer has
 * read it. A back-dated booking changes the running figures of every later row, so the year's
 * rows are replaced as a whole rather than patched.
 */
@Injectable()
@AsProjection('forecast-timeline')
export class ForecastTimelineProjection implements Projection {
  readonly tables = ['forecast_timeline_streams', 'forecast_timeline_entries'];

  constructor(private readonly store: PostgresEventStore) {}

  async handle(events: StoredEvent[], manager: EntityManager): Promise<void> {
    if (events.length === 0) return;
    const touched = new Map<string, SozialraumYearKey>();
    for (const event of events) {
      const key = sozialraumYearOf(event);
      if (!key) continue;
      await manager.query(
        'insert into forecast_timeline_streams (tenant_id, sozialraum_id, fiscal_year, stream_id) values ($1, $2, $3, $4) on conflict do nothing',
        [key.tenantId, key.sozialraumId, key.fiscalYear, event.streamId],
      );
      touched.set(`${key.tenantId}|${key.sozialraumId}|${key.fiscalYear}`, key);
    }
    const last = events[events.length - 1];
    const horizon: LogCheckpoint = { transactionId: last.transactionId, position: last.globalPosition };
    for (const year of touched.values()) await this.recompute(year, horizon, manager);
  }

  private async recompute({ tenantId, sozialraumId, fiscalYear }: SozialraumYearKey, horizon: LogCheckpoint, manager: EntityManager): Promise<void> {
    const key = [tenantId, sozialraumId, fiscalYear];
    const rows: Array<{ stream_id: string }> = await manager.query(
      'select stream_id from forecast_timeline_streams where tenant_id = $1 and sozialraum_id = $2 and fiscal_year = $3',
      key,
    );
    // Only what this consumer has read: a rebuild then passes through the same states as the live run.
    const events = (await this.store.readStreams(rows.map((r) => r.stream_id)))
      .filter((e) => compareCheckpoints({ transactionId: e.transactionId, position: e.globalPosition }, horizon) <= 0)
      .map(toBookEvent);
    const entries = timelineJson(forecastTimeline(sozialraumId, fiscalYear, events));
    await manager.query('delete from forecast_timeline_entries where tenant_id = $1 and sozialraum_id = $2 and fiscal_year = $3', key);
    await manager.query(
      `insert into forecast_timeline_entries (tenant_id, sozialraum_id, fiscal_year, seq, business_date, entry)
       select $1, $2, $3, t.seq, t.entry->>'businessDate', t.entry
         from jsonb_array_elements($4::jsonb) with ordinality as t(entry, seq)`,
      [...key, JSON.stringify(entries)],
    );
  }
}
