import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AsProjection, Projection } from '../../../libs/event-store/nest/projection.decorator';
import { StoredEvent } from '../../../libs/event-store';
import { recordTimelineChanges } from './timeline-change-rows';

export const FORECAST_TIMELINE_TABLE = 'forecast_timeline_changes';

/**
 * The forecast timeline's read model: every change of a Sozialraum-year's forecast or B as a
 * compact row with its business date, cause and log position. The running figures (forecast, %
 * of B) depend on every earlier change and move when a booking is back-dated, so they are summed
 * when read (timelineOf), which is cheap on these rows.
 */
@Injectable()
@AsProjection('forecast-timeline')
export class ForecastTimelineProjection implements Projection {
  readonly tables = [FORECAST_TIMELINE_TABLE];

  async handle(events: StoredEvent[], manager: EntityManager): Promise<void> {
    await recordTimelineChanges(manager, FORECAST_TIMELINE_TABLE, events);
  }
}
