import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Static } from '../../../libs/http/contract/schema-types';
import { Page, decodeCursor, toPage } from '../../../libs/http/pagination';
import { formatAmount, sumAmounts } from '../../../libs/money';
import { BudgetSummaryRow } from '../projections/budget-summary.entity';
import { BudgetListItem as BudgetListItemSchema } from '../budgets.schemas';
import { BudgetListQuery } from './budget-list.dto';

export type BudgetListItem = Static<typeof BudgetListItemSchema>;

@Injectable()
export class BudgetListQueryService {
  constructor(@InjectRepository(BudgetSummaryRow) private readonly rows: Repository<BudgetSummaryRow>) {}

  async list(tenantId: string, query: BudgetListQuery): Promise<Page<BudgetListItem>> {
    const limit = query.limit ?? 50;
    const after = decodeCursor(query.cursor, ['int', 'string']);
    const qb = this.rows.createQueryBuilder('b').where('b.tenant_id = :tenantId', { tenantId });
    if (query.fiscalYear) qb.andWhere('b.fiscal_year = :year', { year: query.fiscalYear });
    if (query.sozialraumId) qb.andWhere('b.sozialraum_id = :sr', { sr: query.sozialraumId });
    if (query.status) qb.andWhere('b.status = :status', { status: query.status });
    if (after) qb.andWhere('(b.fiscal_year, b.sozialraum_id) > (:y, :s)', { y: after[0], s: after[1] });
    const rows = await qb
      .orderBy('b.fiscal_year', 'ASC')
      .addOrderBy('b.sozialraum_id', 'ASC')
      .limit(limit + 1)
      .getMany();
    const page = toPage(rows, limit, (r) => [r.fiscalYear, r.sozialraumId]);
    return {
      nextCursor: page.nextCursor,
      items: page.items.map((r) => ({
        sozialraumId: r.sozialraumId,
        fiscalYear: r.fiscalYear,
        status: r.status as BudgetListItem['status'],
        planned: { FS: formatAmount(r.plannedFs), FUE: formatAmount(r.plannedFue), FU: formatAmount(r.plannedFu) },
        total: formatAmount(sumAmounts([r.plannedFs, r.plannedFue, r.plannedFu])),
        frozen: { FUE: r.frozenFue, FU: r.frozenFu },
        openProposals: r.openProposals,
        version: r.version,
      })),
    };
  }
}
