import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Decimal } from '../../libs/money';
import { BudgetCategory } from '../shared/budget-category';

/** Questions to the journal that other capabilities ask while deciding. */
@Injectable()
export class LedgerQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Money bound (commitments in force, i.e. forecast) in a category of a Sozialraum-year by
   * streams other than the budget stream itself: approvals of individual help in FS.
   */
  async boundOutside(tenantId: string, sozialraumId: string, fiscalYear: number, category: BudgetCategory, budgetStreamId: string): Promise<Decimal> {
    const [row] = await this.dataSource.query(
      `select coalesce(sum(amount), 0)::text as total from ledger_entries
        where tenant_id = $1 and sozialraum_id = $2 and fiscal_year = $3 and category = $4
          and in_budget and measure = 'forecast' and stream_id <> $5`,
      [tenantId, sozialraumId, fiscalYear, category, budgetStreamId],
    );
    return new Decimal(row.total);
  }

  /** Streams that moved money of a Sozialraum-year (for replays from the log). */
  async streamsOf(tenantId: string, sozialraumId: string, fiscalYear: number): Promise<string[]> {
    const rows = await this.dataSource.query('select distinct stream_id from ledger_entries where tenant_id = $1 and sozialraum_id = $2 and fiscal_year = $3', [
      tenantId,
      sozialraumId,
      fiscalYear,
    ]);
    return rows.map((r: { stream_id: string }) => r.stream_id);
  }
}
