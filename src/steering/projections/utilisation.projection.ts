import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AsProjection, Projection } from '../../../libs/event-store/nest/projection.decorator';
import { StoredEvent } from '../../../libs/event-store/event-store.port';
import { formatAmount } from '../../../libs/money';
import { BUDGET_CATEGORIES } from '../../shared/budget-category';
import { LedgerEvent, isLedgerEventType, ledgerLines } from '../../ledger';
import { PLANNING_TYPES, applyPlanning, zeroPerCategory } from '../domain/planned-budget';

const BUDGET_STREAM = /^([^/]+)\/budget\/([^/]+)\/(\d{4})$/;

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
    for (const event of events) {
      const tenantId = event.metadata.tenantId;
      if (PLANNING_TYPES.has(event.type)) {
        const m = BUDGET_STREAM.exec(event.streamId);
        if (m) await this.applyPlanning(manager, tenantId, m[2], Number(m[3]), event);
        continue;
      }
      if (!isLedgerEventType(event.type)) continue;
      for (const line of ledgerLines({ type: event.type, data: event.data } as LedgerEvent)) {
        if (line.measure === 'revenue') {
          await manager.query(
            `insert into utilisation_revenue (tenant_id, sozialraum_id, fiscal_year, kind, month, amount) values ($1, $2, $3, $4, $5, $6)
             on conflict (tenant_id, sozialraum_id, fiscal_year, kind, month) do update set amount = utilisation_revenue.amount + excluded.amount`,
            [tenantId, line.sozialraumId, line.fiscalYear, (event.data as any).kind, line.month, formatAmount(line.amount)],
          );
          continue;
        }
        if (line.inBudget && line.measure === 'actual') {
          // Anordnungen count in the month of the payment order (its business date), as in LedgerBook.
          await manager.query(
            `insert into utilisation_orders (tenant_id, sozialraum_id, fiscal_year, category, month, amount) values ($1, $2, $3, $4, $5, $6)
             on conflict (tenant_id, sozialraum_id, fiscal_year, category, month) do update set amount = utilisation_orders.amount + excluded.amount`,
            [tenantId, line.sozialraumId, line.fiscalYear, line.category ?? 'FS', (event.metadata.businessDate ?? event.recordedAt.toISOString()).slice(0, 7), formatAmount(line.amount)],
          );
        }
        const column = line.measure === 'forecast' ? 'forecast' : 'actual';
        await manager.query(
          `insert into utilisation_cells (tenant_id, sozialraum_id, fiscal_year, scope, category, provider_id, month, ${column})
           values ($1, $2, $3, $4, $5, $6, $7, $8)
           on conflict (tenant_id, sozialraum_id, fiscal_year, scope, category, provider_id, month)
           do update set ${column} = utilisation_cells.${column} + excluded.${column}`,
          [
            tenantId,
            line.sozialraumId,
            line.fiscalYear,
            line.inBudget ? 'budget' : (line.outOfBudgetReason ?? 'other'),
            line.category ?? 'FS',
            line.providerId ?? '-',
            line.month,
            formatAmount(line.amount),
          ],
        );
      }
    }
  }

  private async applyPlanning(manager: EntityManager, tenantId: string, sozialraumId: string, fiscalYear: number, event: StoredEvent): Promise<void> {
    const rows: Array<{ category: string; planned: string }> = await manager.query(
      'select category, planned from utilisation_planned where tenant_id = $1 and sozialraum_id = $2 and fiscal_year = $3',
      [tenantId, sozialraumId, fiscalYear],
    );
    let planned = zeroPerCategory();
    for (const row of rows) planned = applyPlanning(planned, { type: 'BudgetAmended', data: { category: row.category, newAmount: row.planned } });
    planned = applyPlanning(planned, event);
    for (const category of BUDGET_CATEGORIES) {
      await manager.query(
        `insert into utilisation_planned (tenant_id, sozialraum_id, fiscal_year, category, planned) values ($1, $2, $3, $4, $5)
         on conflict (tenant_id, sozialraum_id, fiscal_year, category) do update set planned = excluded.planned`,
        [tenantId, sozialraumId, fiscalYear, category, formatAmount(planned[category])],
      );
    }
  }
}
