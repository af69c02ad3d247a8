import { Injectable } from '@nestjs/common';
import { AggregateStore } from '../../../libs/ddd/aggregate-store';
import { NotFound } from '../../../libs/ddd/domain-error';
import { text } from '../../../libs/text/text';
import { StoredEvent } from '../../../libs/event-store';
import { by, compareText } from '../../../libs/order';
import { streams } from '../../shared/stream-ids';
import { steeringDecider } from '../domain/steering-stream';
import { MonthClosedData } from '../domain/steering.events';
import { STEERING_PROBLEMS } from '../steering.problems';
import { Static } from '../../../libs/http/contract/schema-types';
import { MonthCloseList, MonthCloseView } from '../steering.schemas';

/**
 * The month closes of a Sozialraum-year as recorded in the steering stream: each with the
 * Haushaltsüberwachungsliste frozen at closing (as of the month end, as known then). Later
 * back-dated bookings change the live list, never the frozen one.
 */
@Injectable()
export class MonthClosesQuery {
  constructor(private readonly aggregates: AggregateStore) {}

  async list(tenantId: string, sozialraumId: string, fiscalYear: number): Promise<Static<typeof MonthCloseList>> {
    const closes = await this.closes(tenantId, sozialraumId, fiscalYear);
    return { sozialraumId, fiscalYear, items: closes.map(({ monitoringList: _frozen, ...figures }) => figures) };
  }

  async one(tenantId: string, sozialraumId: string, fiscalYear: number, month: string): Promise<Static<typeof MonthCloseView>> {
    const close = (await this.closes(tenantId, sozialraumId, fiscalYear)).find((c) => c.month === month);
    if (!close) {
      throw new NotFound(
        STEERING_PROBLEMS['month-not-closed'],
        text(`Der Monat ${month} des Sozialraums ${sozialraumId} ist nicht abgeschlossen.`, `${month} of ${sozialraumId} has not been closed.`),
      );
    }
    return { sozialraumId, fiscalYear, ...close };
  }

  private async closes(tenantId: string, sozialraumId: string, fiscalYear: number) {
    const { events } = await this.aggregates.load(streams.steering(tenantId, sozialraumId, fiscalYear), steeringDecider);
    return events
      .filter((e): e is StoredEvent<MonthClosedData> => e.type === 'MonthClosed')
      .map((e) => {
        const d = e.data;
        return {
          month: d.month,
          monthEnd: e.metadata.businessDate ?? null,
          closedAt: e.recordedAt.toISOString(),
          closedBy: e.metadata.actor?.userId ?? null,
          forecast: d.forecast,
          budget: d.budget,
          pctOfBudget: d.pctOfBudget,
          logPosition: d.logPosition,
          monitoringList: d.monitoringList,
        };
      })
      .sort(by((c) => c.month, compareText));
  }
}
