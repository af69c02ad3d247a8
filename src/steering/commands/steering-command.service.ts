import { Injectable, Inject } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { AggregateStore } from '../../../libs/ddd/aggregate-store';
import { CommandContext, satisfiesIfMatch } from '../../../libs/ddd/command-context';
import { DomainError, PreconditionFailed } from '../../../libs/ddd/domain-error';
import { EVENT_STORE, EventStore } from '../../../libs/event-store';
import { Decimal } from '../../../libs/money';
import { lastDayOfMonth } from '../../../libs/calendar';
import { sortedBy } from '../../../libs/order';
import { streams } from '../../shared/stream-ids';
import { BudgetQueries, BudgetYearEnd } from '../../budgets';
import { MasterDataQueries } from '../../master-data';
import { steeringDecider } from '../domain/steering-stream';
import {
  decideCalculateSettlement,
  decideCloseProcedure,
  decideConfirmSettlement,
  decideKaemmereiReport,
  decideMonthClose,
  decideSteeringMeeting,
  decideSupplementaryDecision,
  decideSupplementaryRequest,
  settlementReadyToApply,
} from '../domain/steering.decisions';
import { calculateSettlement } from '../domain/settlement';
import { SteeringQueries } from '../queries/steering-queries';
import { PendingItem, YEAR_END_PARTICIPANT, YearEndParticipant, pendingWorkOrder } from '../year-end-participant';
import { CloseProcedureDto, KaemmereiReportDto, SteeringMeetingDto, SupplementaryDecisionDto, SupplementaryRequestDto } from './steering.dtos';

/**
 * Steering commands of the controllers: month and year close, the overrun procedure and the
 * settlement. Each decides in the pure functions of ../domain and appends to the steering stream.
 */
@Injectable()
export class SteeringCommandService {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly queries: SteeringQueries,
    private readonly budgets: BudgetQueries,
    private readonly budgetYearEnd: BudgetYearEnd,
    private readonly directory: MasterDataQueries,
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async closeMonth(ctx: CommandContext, sozialraumId: string, fiscalYear: number, month: string) {
    await this.assertBudget(ctx.tenantId, sozialraumId, fiscalYear);
    const monthEnd = lastDayOfMonth(month);
    const head = await this.store.headCheckpoint();
    const book = await this.queries.book(ctx.tenantId, sozialraumId, fiscalYear, { asOf: monthEnd, knownAtPosition: head.position });
    const { terms } = await this.budgets.contractOn(ctx.tenantId, sozialraumId, monthEnd);
    const figures = { forecast: book.totals().forecast, budget: book.budgetTotal, monitoringList: book.monitoringList(), logPosition: head.position };
    return this.aggregates.handle(streams.steering(ctx.tenantId, sozialraumId, fiscalYear), steeringDecider, ctx, (state) =>
      decideMonthClose(month, fiscalYear, sozialraumId, figures, terms, state, ctx.businessDate),
    );
  }

  async pendingWork(tenantId: string, sozialraumId: string, fiscalYear: number): Promise<PendingItem[]> {
    const items: PendingItem[] = [];
    for (const participant of this.participants()) items.push(...(await participant.pendingWork(tenantId, sozialraumId, fiscalYear)));
    return sortedBy(items, pendingWorkOrder);
  }

  /** The version of the budget stream: the aggregate the year close decides on (ETag of GET …/pending-work). */
  async budgetVersion(tenantId: string, sozialraumId: string, fiscalYear: number): Promise<number> {
    return this.budgetYearEnd.version(tenantId, sozialraumId, fiscalYear);
  }

  /**
   * Year close: refused while work of the year waits; then the budget closes and commitments roll
   * on. If-Match names the version of the budget stream (the ETag of GET …/pending-work, which
   * the controller reads before closing, and of GET /budgets/:sozialraumId/:fiscalYear); the
   * roll-over appends to every case stream on its own current version.
   */
  async closeYear(ctx: CommandContext, sozialraumId: string, fiscalYear: number, reason: string) {
    await this.assertBudget(ctx.tenantId, sozialraumId, fiscalYear);
    const pending = await this.pendingWork(ctx.tenantId, sozialraumId, fiscalYear);
    if (pending.length) {
      throw new DomainError(
        'year-has-pending-work',
        'Work of the year is pending',
        `${pending.length} item(s) of ${fiscalYear} still wait for verification or a decision: ${pending.map((p) => p.id).join(', ')}`,
        422,
        { pending },
      );
    }
    const closed = await this.budgetYearEnd.close(ctx, sozialraumId, fiscalYear, reason);
    const followUp = withoutIfMatch(ctx);
    for (const participant of this.participants()) await participant.rollOver(followUp, sozialraumId, fiscalYear);
    return closed;
  }

  async calculateSettlement(ctx: CommandContext, sozialraumId: string, fiscalYear: number) {
    if ((await this.budgets.budgetStatus(ctx.tenantId, sozialraumId, fiscalYear)) !== 'closed') {
      throw new DomainError('year-not-closed', 'Fiscal year not closed', `the settlement of ${fiscalYear} is calculated after the year close`, 422);
    }
    const head = await this.store.headCheckpoint();
    const book = await this.queries.book(ctx.tenantId, sozialraumId, fiscalYear, { knownAtPosition: head.position });
    const { terms } = await this.budgets.contractOn(ctx.tenantId, sozialraumId, `${fiscalYear}-12-31`);
    const flexible = book.planned.FUE.plus(book.planned.FU);
    const figures = calculateSettlement(book.budgetTotal, flexible, book.totals().actual, terms);
    const lead = await this.directory.leadProviderOn(ctx.tenantId, sozialraumId, `${fiscalYear}-12-31`);
    return this.aggregates.handle(streams.steering(ctx.tenantId, sozialraumId, fiscalYear), steeringDecider, ctx, (state) =>
      decideCalculateSettlement(figures, sozialraumId, fiscalYear, lead, head.position, state),
    );
  }

  async confirmSettlement(ctx: CommandContext, sozialraumId: string, fiscalYear: number) {
    const party = ctx.actor.role === 'controller' ? 'jugendamt' : 'lead-provider';
    const confirmed = await this.aggregates.handle(streams.steering(ctx.tenantId, sozialraumId, fiscalYear), steeringDecider, ctx, (state) =>
      decideConfirmSettlement(party, ctx.actor.organisationId, state),
      { retryOnConflict: true },
    );
    if (settlementReadyToApply(confirmed.state)) {
      const nextYearExists = (await this.budgets.budgetStatus(ctx.tenantId, sozialraumId, fiscalYear + 1)) !== 'none';
      // If-Match guarded the confirmation (the steering stream the client read); applying it
      // appends to the next year's budget and the steering stream again on their own versions.
      if (nextYearExists) return this.applySettlement(withoutIfMatch(ctx), sozialraumId, fiscalYear);
    }
    return confirmed;
  }

  /**
   * R10: after both confirmations the result becomes a budget event of the next fiscal year.
   * If-Match names the version of the steering stream (ETag of GET /steering/:sozialraumId/:fiscalYear);
   * it is checked once, before anything is written, and the appends that follow (next year's
   * budget, then the steering stream) use their own current versions.
   */
  async applySettlement(ctx: CommandContext, sozialraumId: string, fiscalYear: number) {
    const steeringStream = streams.steering(ctx.tenantId, sozialraumId, fiscalYear);
    const { state, version } = await this.aggregates.load(steeringStream, steeringDecider);
    if (ctx.expectedVersion !== undefined && !satisfiesIfMatch(ctx.expectedVersion, version)) throw new PreconditionFailed(ctx.expectedVersion, version);
    ctx = withoutIfMatch(ctx);
    if (!state.settlement) throw new DomainError('settlement-not-found', 'Not found', 'the settlement has not been calculated yet', 404);
    if (state.settlement.confirmations.length < 2) {
      throw new DomainError('settlement-not-confirmed', 'Settlement not confirmed', 'the settlement is applied after the Jugendamt and the lead provider have both confirmed it', 422);
    }
    if (state.settlement.applied) throw new DomainError('settlement-applied', 'Settlement applied', 'the settlement has been applied already', 409);
    const figures = state.settlement.figures;
    const kind: 'malus' | 'carry-forward' | 'none' = figures.outcome === 'overrun' ? 'malus' : figures.outcome === 'underrun' ? 'carry-forward' : 'none';
    const amount = kind === 'malus' ? figures.providerShare : figures.carryForward;
    if (kind !== 'none') {
      if ((await this.budgets.budgetStatus(ctx.tenantId, sozialraumId, fiscalYear + 1)) === 'none') {
        throw new DomainError('next-year-budget-missing', 'Next year budget missing', `allocate the ${fiscalYear + 1} budget of ${sozialraumId} first; the settlement is applied to its fallunspezifisch money`, 422);
      }
      await this.budgetYearEnd.applySettlement(ctx, sozialraumId, fiscalYear + 1, { settlementId: state.settlement!.settlementId, fromFiscalYear: fiscalYear, kind, amount: new Decimal(amount) });
    }
    return this.aggregates.handle(steeringStream, steeringDecider, ctx, (current) =>
      current.settlement?.applied ? [] : [{ type: 'SettlementApplied' as const, data: { settlementId: state.settlement!.settlementId, toFiscalYear: fiscalYear + 1, kind, amount } }],
      { retryOnConflict: true },
    );
  }

  async holdMeeting(ctx: CommandContext, sozialraumId: string, fiscalYear: number, dto: SteeringMeetingDto) {
    const parties = { jugendamtId: ctx.tenantId, leadProviderId: await this.directory.leadProviderOn(ctx.tenantId, sozialraumId, dto.heldOn) };
    return this.aggregates.handle(streams.steering(ctx.tenantId, sozialraumId, fiscalYear), steeringDecider, { ...ctx, businessDate: dto.heldOn }, (state) =>
      decideSteeringMeeting(dto.heldOn, dto.participants, dto.measures, state, parties),
      { retryOnConflict: true },
    );
  }

  async requestSupplementary(ctx: CommandContext, sozialraumId: string, fiscalYear: number, dto: SupplementaryRequestDto) {
    const businessDate = dto.businessDate ?? ctx.businessDate;
    const { terms } = await this.budgets.contractOn(ctx.tenantId, sozialraumId, businessDate);
    return this.aggregates.handle(streams.steering(ctx.tenantId, sozialraumId, fiscalYear), steeringDecider, { ...ctx, businessDate }, (state) =>
      decideSupplementaryRequest({ kind: dto.kind, amount: new Decimal(dto.amount), justification: dto.justification, coverSource: dto.coverSource }, terms, state),
      { retryOnConflict: true },
    );
  }

  decideSupplementary(ctx: CommandContext, sozialraumId: string, fiscalYear: number, requestId: string, dto: SupplementaryDecisionDto) {
    return this.aggregates.handle(streams.steering(ctx.tenantId, sozialraumId, fiscalYear), steeringDecider, { ...ctx, businessDate: dto.businessDate ?? ctx.businessDate }, (state) =>
      decideSupplementaryDecision(requestId, dto.body, dto.approved, dto.decisionReference, dto.note ?? null, state),
      { retryOnConflict: true },
    );
  }

  /**
   * Records a sending of the report to the Kämmerei with the figures as sent: the book replayed
   * from the log up to its head (all corrections known now, as the report's GET shows them).
   */
  async reportToKaemmerei(ctx: CommandContext, sozialraumId: string, fiscalYear: number, dto: KaemmereiReportDto) {
    await this.assertBudget(ctx.tenantId, sozialraumId, fiscalYear);
    const reportedOn = dto.reportedOn ?? ctx.businessDate;
    const head = await this.store.headCheckpoint();
    const book = await this.queries.book(ctx.tenantId, sozialraumId, fiscalYear, { knownAtPosition: head.position });
    const totals = book.totals();
    const figures = { budget: book.budgetTotal, forecast: totals.forecast, actual: totals.actual, logPosition: head.position };
    const termsOn = await this.queries.termsOn(ctx.tenantId, sozialraumId);
    return this.aggregates.handle(streams.steering(ctx.tenantId, sozialraumId, fiscalYear), steeringDecider, { ...ctx, businessDate: reportedOn }, (state) =>
      decideKaemmereiReport({ reportedOn, reference: dto.reference }, figures, sozialraumId, fiscalYear, termsOn, state),
      { retryOnConflict: true },
    );
  }

  closeProcedure(ctx: CommandContext, sozialraumId: string, fiscalYear: number, dto: CloseProcedureDto) {
    return this.aggregates.handle(streams.steering(ctx.tenantId, sozialraumId, fiscalYear), steeringDecider, { ...ctx, businessDate: dto.businessDate ?? ctx.businessDate }, (state) =>
      decideCloseProcedure(dto.outcome, state),
      { retryOnConflict: true },
    );
  }

  private participants(): YearEndParticipant[] {
    return this.discovery
      .getProviders()
      .filter((w) => w.instance && w.metatype && this.reflector.get(YEAR_END_PARTICIPANT, w.metatype as any))
      .map((w) => w.instance as YearEndParticipant);
  }

  private async assertBudget(tenantId: string, sozialraumId: string, fiscalYear: number): Promise<void> {
    if ((await this.budgets.budgetStatus(tenantId, sozialraumId, fiscalYear)) === 'none') {
      throw new DomainError('budget-not-found', 'Not found', `there is no budget of ${sozialraumId} for ${fiscalYear}`, 404);
    }
  }
}

/** The context for appends to streams other than the one the client's If-Match names. */
function withoutIfMatch(ctx: CommandContext): CommandContext {
  const { expectedVersion: _ifMatch, ...rest } = ctx;
  return rest;
}
