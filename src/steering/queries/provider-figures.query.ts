import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ProjectionRunner } from '../../../libs/event-store/nest/projection-runner';
import { Decimal, formatAmount } from '../../../libs/money';
import { by, compareText, inOrderOf, sortedBy, thenBy } from '../../../libs/order';
import { BUDGET_CATEGORIES, BudgetCategory } from '../../shared/budget-category';
import { OutOfBudgetReason } from '../../ledger';
import { Static } from '../../../libs/http/contract/schema-types';
import { ProviderFigures } from '../steering.schemas';

/**
 * Lines by Sozialraum, in-budget before out-of-budget ones (by reason), then category (FS, FUE,
 * FU): sorted here rather than left to the query's text collation, the same order as utilisation.
 */
const lineOrder = thenBy<{ sozialraumId: string; scope: string; category: string }>(
  by((l) => l.sozialraumId, compareText),
  by((l) => l.scope, inOrderOf(['budget'])),
  by((l) => l.category, inOrderOf(BUDGET_CATEGORIES)),
);

/** A provider's own figures of a year across Sozialräume: what a Träger's bookkeeper reconciles. */
@Injectable()
export class ProviderFiguresQuery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly projections: ProjectionRunner,
  ) {}

  async figures(tenantId: string, providerId: string, fiscalYear: number): Promise<Static<typeof ProviderFigures>> {
    await this.projections.waitFor('utilisation');
    const rows: Array<{ sozialraum_id: string; scope: string; category: string; month: string; forecast: string; actual: string }> =
      await this.dataSource.query(
        `select sozialraum_id, scope, category, month, sum(forecast)::text as forecast, sum(actual)::text as actual
         from utilisation_cells where tenant_id = $1 and provider_id = $2 and fiscal_year = $3
        group by sozialraum_id, scope, category, month order by sozialraum_id, scope, category, month`,
        [tenantId, providerId, fiscalYear],
      );
    const figures = (forecast: Decimal, actual: Decimal) => ({
      committed: formatAmount(forecast.minus(actual)),
      actual: formatAmount(actual),
      forecast: formatAmount(forecast),
    });
    // One line per Sozialraum, scope and category, with its months: what the provider's own books show per Leistungsmonat.
    const lines = new Map<
      string,
      {
        sozialraumId: string;
        scope: string;
        category: string;
        forecast: Decimal;
        actual: Decimal;
        months: Array<{ month: string; committed: string; actual: string; forecast: string }>;
      }
    >();
    let actual = new Decimal(0);
    let forecast = new Decimal(0);
    for (const r of rows) {
      const key = `${r.sozialraum_id}|${r.scope}|${r.category}`;
      const line = lines.get(key) ?? {
        sozialraumId: r.sozialraum_id,
        scope: r.scope,
        category: r.category,
        forecast: new Decimal(0),
        actual: new Decimal(0),
        months: [],
      };
      line.forecast = line.forecast.plus(r.forecast);
      line.actual = line.actual.plus(r.actual);
      line.months.push({ month: r.month, ...figures(new Decimal(r.forecast), new Decimal(r.actual)) });
      lines.set(key, line);
      actual = actual.plus(r.actual);
      forecast = forecast.plus(r.forecast);
    }
    return {
      providerId,
      fiscalYear,
      actual: formatAmount(actual),
      forecast: formatAmount(forecast),
      lines: sortedBy(lines.values(), lineOrder).map((l) => ({
        sozialraumId: l.sozialraumId,
        inBudget: l.scope === 'budget',
        outOfBudgetReason: l.scope === 'budget' ? null : (l.scope as OutOfBudgetReason | 'other'),
        category: l.category as BudgetCategory,
        ...figures(l.forecast, l.actual),
        months: l.months,
      })),
    };
  }
}
