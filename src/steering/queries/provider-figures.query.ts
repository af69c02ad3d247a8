import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ProjectionRunner } from '../../../libs/event-store/nest/projection-runner';
import { Decimal, formatAmount } from '../../../libs/money';

/** A provider's own figures of a year across Sozialräume: what a Träger's bookkeeper reconciles. */
@Injectable()
export class ProviderFiguresQuery {
  constructor(@InjectDataSource() private readonly dataSource: DataSource, private readonly projections: ProjectionRunner) {}

  async figures(tenantId: string, providerId: string, fiscalYear: number) {
    await this.projections.waitFor('utilisation');
    const rows = await this.dataSource.query(
      `select sozialraum_id, scope, category, sum(forecast)::text as forecast, sum(actual)::text as actual
         from utilisation_cells where tenant_id = $1 and provider_id = $2 and fiscal_year = $3
        group by sozialraum_id, scope, category order by sozialraum_id, scope, category`,
      [tenantId, providerId, fiscalYear],
    );
    let actual = new Decimal(0);
    let forecast = new Decimal(0);
    const lines = rows.map((r: any) => {
      actual = actual.plus(r.actual);
      forecast = forecast.plus(r.forecast);
      return {
        sozialraumId: r.sozialraum_id,
        inBudget: r.scope === 'budget',
        outOfBudgetReason: r.scope === 'budget' ? null : r.scope,
        category: r.category,
        committed: formatAmount(new Decimal(r.forecast).minus(r.actual)),
        actual: formatAmount(r.actual),
        forecast: formatAmount(r.forecast),
      };
    });
    return { providerId, fiscalYear, actual: formatAmount(actual), forecast: formatAmount(forecast), lines };
  }
}
