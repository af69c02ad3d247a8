import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Injectable } from '@nestjs/common';
import { IsoDate, endOfYear, maxDate, minDate, startOfYear } from '../../../libs/calendar';
import { AggregateStore, Loaded } from '../../../libs/ddd/aggregate-store';
import { StoredEvent } from '../../../libs/event-store/event-store.port';
import { Static } from '../../../libs/http/contract/schema-types';
import { formatAmount } from '../../../libs/money';
import { BUDGET_CATEGORIES, CATEGORY_NAMES, isFlexible } from '../../shared/budget-category';
import { streams } from '../../shared/stream-ids';
import { budgetContractDecider, contractInForce, ContractInForce } from '../domain/budget-contract';
import { BudgetStatus, SozialraumBudgetState, availableIn, sozialraumBudgetDecider, totalPlanned } from '../domain/sozialraum-budget';
import { BudgetAllocatedData, PLANNED_AMOUNT_EVENTS } from '../domain/sozialraum-budget.events';
import { BudgetOverview } from '../budgets.schemas';

/**
 * The date whose budget contract version a year's overview shows when none is asked for: today
 * while the year runs, its 31.12. once it is over and its 01.01. before it begins, so a past or
 * future year is shown under the contract it was or will be executed by.
 */
export function defaultContractDate(fiscalYear: number, today: IsoDate): IsoDate {
  return maxDate(startOfYear(fiscalYear), minDate(today, endOfYear(fiscalYear)));
}

const PLANNING_EVENTS = new Set<string>([
  ...PLANNED_AMOUNT_EVENTS,
  'BudgetOpened',
  'BudgetClosed',
  'ReallocationProposed',
  'ReallocationRejected',
  'ReallocationWithdrawn',
  'BudgetFreezeImposed',
  'BudgetFreezeLifted',
]);

export interface HistoryEntry {
  type: string;
  businessDate: string | null;
  recordedAt: string;
  actor: { userId: string; role: string; organisationId: string };
  data: unknown;
}

/** Read side of contracts and budgets that other capabilities use while deciding. */
@Injectable()
export class BudgetQueries {
  constructor(
    private readonly aggregates: AggregateStore,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** Every Sozialraum-year with a budget, of every tenant, as the budget list knows them (for work that looks at all of them). */
  async sozialraumYears(): Promise<Array<{ tenantId: string; sozialraumId: string; fiscalYear: number; status: string }>> {
    const rows: Array<{ tenant_id: string; sozialraum_id: string; fiscal_year: number; status: string }> = await this.dataSource.query(
      'select tenant_id, sozialraum_id, fiscal_year, status from budget_summaries order by tenant_id, sozialraum_id, fiscal_year',
    );
    return rows.map((r) => ({ tenantId: r.tenant_id, sozialraumId: r.sozialraum_id, fiscalYear: r.fiscal_year, status: r.status }));
  }

  async contractOn(tenantId: string, sozialraumId: string, date: string): Promise<ContractInForce> {
    const { state } = await this.aggregates.load(streams.contract(tenantId, sozialraumId), budgetContractDecider);
    return contractInForce(state, date);
  }

  async contractVersions(tenantId: string, sozialraumId: string) {
    return this.aggregates.load(streams.contract(tenantId, sozialraumId), budgetContractDecider);
  }

  async loadBudget(tenantId: string, sozialraumId: string, fiscalYear: number): Promise<Loaded<SozialraumBudgetState>> {
    return this.aggregates.load(streams.budget(tenantId, sozialraumId, fiscalYear), sozialraumBudgetDecider);
  }

  async budgetStatus(tenantId: string, sozialraumId: string, fiscalYear: number): Promise<BudgetStatus> {
    return (await this.loadBudget(tenantId, sozialraumId, fiscalYear)).state.status;
  }

  /**
   * Which of the given fiscal years of a Sozialraum are closed (ascending), read from their budget
   * streams rather than a projection: a decision taken right after a year close must see it.
   */
  async closedYears(tenantId: string, sozialraumId: string, fiscalYears: Iterable<number>): Promise<number[]> {
    const years = [...new Set(fiscalYears)].sort((a, b) => a - b);
    const statuses = await Promise.all(years.map((year) => this.budgetStatus(tenantId, sozialraumId, year)));
    return years.filter((_, i) => statuses[i] === 'closed');
  }

  /** The overview of one Sozialraum budget, straight from its stream (no projection lag). */
  async overview(tenantId: string, sozialraumId: string, fiscalYear: number, contractDate: string): Promise<Static<typeof BudgetOverview> | null> {
    const loaded = await this.loadBudget(tenantId, sozialraumId, fiscalYear);
    const state = loaded.state;
    if (state.status === 'none') return null;
    // A budget that is not 'none' was allocated, so its stream holds the allocation.
    const initial = loaded.events.find((e) => e.type === 'BudgetAllocated')!.data as BudgetAllocatedData;
    const contract = await this.contractOn(tenantId, sozialraumId, contractDate);
    return {
      sozialraumId,
      fiscalYear,
      status: state.status,
      version: loaded.version,
      total: formatAmount(totalPlanned(state)),
      categories: BUDGET_CATEGORIES.map((category) => ({
        category,
        name: CATEGORY_NAMES[category],
        initial: initial.planned[category],
        planned: formatAmount(state.planned[category]),
        ...(isFlexible(category)
          ? { bound: formatAmount(state.bound[category]), available: formatAmount(availableIn(state, category)), frozen: state.frozen[category] }
          : {}),
      })),
      contract,
      openProposals: state.openProposals,
      // Planning events only, whose data the schema names event by event.
      history: loaded.events.filter((e) => PLANNING_EVENTS.has(e.type)).map(historyEntry) as Static<typeof BudgetOverview>['history'],
    };
  }
}

export function historyEntry(event: StoredEvent): HistoryEntry {
  return {
    type: event.type,
    businessDate: event.metadata.businessDate ?? null,
    recordedAt: event.recordedAt.toISOString(),
    actor: event.metadata.actor,
    data: event.data,
  };
}
