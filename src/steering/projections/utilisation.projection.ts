import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AsProjection, Projection } from '../../../libs/event-store/nest/projection.decorator';
import { StoredEvent } from '../../../libs/event-store/event-store.port';
import { writeRowChanges } from '../../../libs/event-store/row-changes';
import { SozialraumYearKey } from './sozialraum-year-key';
import { PlannedRow, plannedYearsOf, utilisationChanges } from './utilisation.rows';

/**
 * Utilisation per tenant × Sozialraum × year × category × provider × month (forecast, actual),
 * planned amounts, and revenue: the read model behind today's figures. Figures as of a past date
 * or as known at a past position are folded from the log instead (SozialraumYearReplay).
 */
@Injectable()
@AsProjection('utilisation')
export class UtilisationProjection implements Projection {
  readonly tables = ['utilisation_cells', 'utilisation_planned', 'utilisation_revenue', 'utilisation_orders'];

  async handle(events: StoredEvent[], manager: EntityManager): Promise<void> {
    await writeRowChanges(manager, utilisationChanges(events, await this.planned(manager, plannedYearsOf(events))));
  }

  /** The stored planned amounts of the years the batch plans, in one query for the whole batch. */
  private async planned(manager: EntityManager, years: SozialraumYearKey[]): Promise<PlannedRow[]> {
    if (!years.length) return [];
    return manager.query(
      `select p.tenant_id, p.sozialraum_id, p.fiscal_year, p.category, p.planned::text as planned
         from utilisation_planned p join unnest($1::text[], $2::text[], $3::int[]) as y(tenant_id, sozialraum_id, fiscal_year) using (tenant_id, sozialraum_id, fiscal_year)`,
      [years.map((y) => y.tenantId), years.map((y) => y.sozialraumId), years.map((y) => y.fiscalYear)],
    );
  }
}
