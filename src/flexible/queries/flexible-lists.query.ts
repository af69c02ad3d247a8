import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ObjectLiteral, Repository, SelectQueryBuilder } from 'typeorm';
import { CommandContext } from '../../../libs/ddd/command-context';
import { NotFound } from '../../../libs/ddd/domain-error';
import { text } from '../../../libs/text/text';
import { SHARED_PROBLEMS } from '../../shared/shared-problems';
import { Page, decodeCursor, toPage } from '../../../libs/http/pagination';
import { formatAmount } from '../../../libs/money';
import { Static } from '../../../libs/http/contract/schema-types';
import { ActivityListItem, ActivityPage, SubsidyListItem, SubsidyPage } from '../flexible.schemas';
import { FlexibleActivityRow } from '../projections/flexible-activity.entity';
import { FlexibleSubsidyRow } from '../projections/flexible-subsidy.entity';
import { ActivityListQuery, SubsidyListQuery } from './flexible-list.dtos';

const orNull = (value: string | null) => (value === null ? null : formatAmount(value));

/**
 * Lists of subsidies and activities across Sozialräume and years (keyset pages). Provider users
 * see only their own provider's; naming another provider answers 404 like any foreign resource.
 */
@Injectable()
export class FlexibleListsQuery {
  constructor(
    @InjectRepository(FlexibleSubsidyRow) private readonly subsidies: Repository<FlexibleSubsidyRow>,
    @InjectRepository(FlexibleActivityRow) private readonly activities: Repository<FlexibleActivityRow>,
  ) {}

  async listSubsidies(ctx: CommandContext, query: SubsidyListQuery): Promise<Static<typeof SubsidyPage>> {
    const qb = this.filtered(this.subsidies.createQueryBuilder('r'), ctx, query);
    return this.page(qb, query, subsidyItem);
  }

  async listActivities(ctx: CommandContext, query: ActivityListQuery): Promise<Static<typeof ActivityPage>> {
    const qb = this.filtered(this.activities.createQueryBuilder('r'), ctx, query);
    return this.page(qb, query, activityItem);
  }

  private filtered<T extends ObjectLiteral>(
    qb: SelectQueryBuilder<T>,
    ctx: CommandContext,
    query: SubsidyListQuery | ActivityListQuery,
  ): SelectQueryBuilder<T> {
    const providerId = visibleProvider(ctx, query.providerId);
    qb.where('r.tenant_id = :tenantId', { tenantId: ctx.tenantId });
    if (providerId) qb.andWhere('r.provider_id = :providerId', { providerId });
    if (query.sozialraumId) qb.andWhere('r.sozialraum_id = :sozialraumId', { sozialraumId: query.sozialraumId });
    if (query.fiscalYear) qb.andWhere('r.fiscal_year = :fiscalYear', { fiscalYear: query.fiscalYear });
    if (query.category) qb.andWhere('r.category = :category', { category: query.category });
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    return qb;
  }

  private async page<T extends ObjectLiteral & { fiscalYear: number; sozialraumId: string; seq: number }, I>(
    qb: SelectQueryBuilder<T>,
    query: { limit?: number; cursor?: string },
    toItem: (row: T) => I,
  ): Promise<Page<I>> {
    const limit = query.limit ?? 50;
    const after = decodeCursor(query.cursor, ['int', 'string', 'int']);
    if (after) qb.andWhere('(r.fiscal_year, r.sozialraum_id, r.seq) > (:y, :s, :n)', { y: after[0], s: after[1], n: after[2] });
    const rows = await qb
      .orderBy('r.fiscal_year', 'ASC')
      .addOrderBy('r.sozialraum_id', 'ASC')
      .addOrderBy('r.seq', 'ASC')
      .limit(limit + 1)
      .getMany();
    const page = toPage(rows, limit, (r) => [r.fiscalYear, r.sozialraumId, r.seq]);
    return { items: page.items.map(toItem), nextCursor: page.nextCursor };
  }
}

function visibleProvider(ctx: CommandContext, requested: string | undefined): string | undefined {
  if (ctx.actor.role !== 'provider') return requested;
  if (requested && requested !== ctx.providerId) {
    throw new NotFound(
      SHARED_PROBLEMS['provider-not-found'],
      text(`Der Träger ${requested} ist für Sie nicht sichtbar.`, `Provider ${requested} is not visible to you.`),
    );
  }
  return ctx.providerId;
}

function subsidyItem(r: FlexibleSubsidyRow): Static<typeof SubsidyListItem> {
  return {
    subsidyId: r.subsidyId,
    sozialraumId: r.sozialraumId,
    fiscalYear: r.fiscalYear,
    providerId: r.providerId,
    category: r.category,
    purpose: r.purpose,
    bescheidDate: r.bescheidDate,
    status: r.status,
    instalments: r.instalments,
    total: formatAmount(r.total),
    granted: formatAmount(r.granted),
    paid: formatAmount(r.paid),
    claimed: formatAmount(r.claimed),
    received: formatAmount(r.received),
  };
}

function activityItem(r: FlexibleActivityRow): Static<typeof ActivityListItem> {
  return {
    activityId: r.activityId,
    sozialraumId: r.sozialraumId,
    fiscalYear: r.fiscalYear,
    providerId: r.providerId,
    category: r.category,
    activityDate: r.activityDate,
    description: r.description,
    status: r.status,
    requested: formatAmount(r.requested),
    approved: orNull(r.approved),
    actual: orNull(r.actual),
    reportedOn: r.reportedOn,
    decidedOn: r.decidedOn,
  };
}
