import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Decimal } from '../../../libs/money';
import { ProjectionRunner } from '../../../libs/event-store/nest/projection-runner';
import { AggregateStore, toDomainEvent } from '../../../libs/ddd/aggregate-store';
import { todayInBerlin } from '../../../libs/calendar';
import { streams } from '../../shared/stream-ids';
import { BookView } from '../domain/book-event';
import { LedgerBook } from '../domain/ledger-book';
import { forecastTimeline, timelineJson, timelineOf } from '../domain/forecast-timeline';
import { FORECAST_TIMELINE_TABLE } from '../projections/forecast-timeline.projection';
import { loadTimelineChanges } from '../projections/timeline-change-rows';
import { steeringDecider, SteeringState } from '../domain/steering-stream';
import { SteeringEvent } from '../domain/steering.events';
import { budgetContractDecider, contractInForce, BudgetContractTerms } from '../../budgets';
import { kaemmereiReport, supplementaryRequestDue } from '../domain/kaemmerei-report';
import { procedureToReport } from '../domain/steering.decisions';
import { SozialraumYearReplay } from '../replay/sozialraum-year-replay';
import { BookViewQuery } from './book-view.dto';
import { Static } from '../../../libs/http/contract/schema-types';
import { ForecastTimeline, KaemmereiReport, MonitoringList, SteeringOverview, Utilisation } from '../steering.schemas';

export function toBookView(query: BookViewQuery): BookView {
  return {
    asOf: query.asOf,
    knownAt: query.knownAt ? new Date(query.knownAt) : undefined,
    knownAtPosition: query.knownAtPosition ? BigInt(query.knownAtPosition) : undefined,
  };
}

function describeView(view: BookView) {
  return { asOf: view.asOf ?? null, knownAt: view.knownAt?.toISOString() ?? null, knownAtPosition: view.knownAtPosition?.toString() ?? null };
}

@Injectable()
export class SteeringQueries {
  constructor(
    private readonly replay: SozialraumYearReplay,
    private readonly aggregates: AggregateStore,
    private readonly projections: ProjectionRunner,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** The book of a Sozialraum-year folded from the log through a view. */
  async book(tenantId: string, sozialraumId: string, fiscalYear: number, view: BookView): Promise<LedgerBook> {
    const events = await this.replay.load(tenantId, sozialraumId, fiscalYear, view.knownAtPosition);
    return LedgerBook.fold(sozialraumId, fiscalYear, events, view);
  }

  /** The figures a query answers from: today's from the utilisation read model, any other view replayed from the log. */
  async viewedBook(
    tenantId: string,
    sozialraumId: string,
    fiscalYear: number,
    view: BookView,
  ): Promise<{ book: LedgerBook; source: 'event-log' | 'read-model' }> {
    const fromLog = view.asOf !== undefined || view.knownAt !== undefined || view.knownAtPosition !== undefined;
    return fromLog
      ? { book: await this.book(tenantId, sozialraumId, fiscalYear, view), source: 'event-log' }
      : { book: await this.bookFromReadModel(tenantId, sozialraumId, fiscalYear), source: 'read-model' };
  }

  async utilisation(tenantId: string, sozialraumId: string, fiscalYear: number, view: BookView): Promise<Static<typeof Utilisation>> {
    const { book, source } = await this.viewedBook(tenantId, sozialraumId, fiscalYear, view);
    return { ...book.utilisation(), source, view: describeView(view) };
  }

  async monitoringList(tenantId: string, sozialraumId: string, fiscalYear: number, view: BookView): Promise<Static<typeof MonitoringList>> {
    const { book, source } = await this.viewedBook(tenantId, sozialraumId, fiscalYear, view);
    return { ...book.monitoringList(), source, view: describeView(view) };
  }

  /** The contract terms in force on a date, for the thresholds a report names. */
  async termsOn(tenantId: string, sozialraumId: string): Promise<(date: string) => BudgetContractTerms> {
    const { state } = await this.aggregates.load(streams.contract(tenantId, sozialraumId), budgetContractDecider);
    return (date) => contractInForce(state, date).terms;
  }

  /** R7: the report of the overrun procedure to the Kämmerei from the figures seen through the view (404 without a procedure). */
  async kaemmereiReport(tenantId: string, sozialraumId: string, fiscalYear: number, view: BookView): Promise<Static<typeof KaemmereiReport>> {
    const { state, version } = await this.steeringState(tenantId, sozialraumId, fiscalYear, view);
    const withProcedure = procedureToReport(state);
    const { book, source } = await this.viewedBook(tenantId, sozialraumId, fiscalYear, view);
    const termsOn = await this.termsOn(tenantId, sozialraumId);
    const report = kaemmereiReport(
      sozialraumId,
      fiscalYear,
      { budget: book.budgetTotal, forecast: book.totals().forecast, actual: book.totals().actual },
      withProcedure,
      termsOn,
    );
    return { ...report, version, source, view: describeView(view) };
  }

  async timeline(tenantId: string, sozialraumId: string, fiscalYear: number, view: BookView): Promise<Static<typeof ForecastTimeline>> {
    // With all corrections known now (no knownAt), the read model answers; asOf only cuts it off.
    if (view.knownAt === undefined && view.knownAtPosition === undefined) {
      await this.projections.waitFor('forecast-timeline');
      const changes = await loadTimelineChanges(this.dataSource, FORECAST_TIMELINE_TABLE, { tenantId, sozialraumId, fiscalYear }, { asOf: view.asOf });
      return { sozialraumId, fiscalYear, view: describeView(view), source: 'read-model' as const, entries: timelineJson(timelineOf(changes)) };
    }
    const events = await this.replay.load(tenantId, sozialraumId, fiscalYear, view.knownAtPosition);
    let entries = forecastTimeline(sozialraumId, fiscalYear, events, { knownAt: view.knownAt, knownAtPosition: view.knownAtPosition });
    if (view.asOf) entries = entries.filter((e) => e.businessDate <= (view.asOf as string));
    return { sozialraumId, fiscalYear, view: describeView(view), source: 'event-log' as const, entries: timelineJson(entries) };
  }

  async steeringState(tenantId: string, sozialraumId: string, fiscalYear: number, view: BookView = {}): Promise<{ state: SteeringState; version: number }> {
    const loaded = await this.aggregates.load(streams.steering(tenantId, sozialraumId, fiscalYear), steeringDecider);
    if (view.knownAt === undefined && view.knownAtPosition === undefined && view.asOf === undefined) return { state: loaded.state, version: loaded.version };
    // The steering stream as it stood: replay only the events visible through the view.
    const visibleEvents = loaded.events.filter(
      (e) =>
        (view.knownAtPosition === undefined || e.globalPosition <= view.knownAtPosition) &&
        (view.knownAt === undefined || e.recordedAt.getTime() <= view.knownAt.getTime()) &&
        (view.asOf === undefined || (e.metadata.businessDate ?? '') <= view.asOf),
    );
    const state = visibleEvents.reduce((s, e) => steeringDecider.evolve(s, toDomainEvent(e) as SteeringEvent), steeringDecider.initialState);
    return { state, version: visibleEvents.length ? visibleEvents[visibleEvents.length - 1].streamVersion : 0 };
  }

  async overview(
    tenantId: string,
    sozialraumId: string,
    fiscalYear: number,
    view: BookView,
    today = todayInBerlin(),
  ): Promise<Static<typeof SteeringOverview>> {
    const { state, version } = await this.steeringState(tenantId, sozialraumId, fiscalYear, view);
    let procedure = null;
    if (state.procedure) {
      // The request check depends on the forecast, which changes: computed now, never stored.
      const { book } = await this.viewedBook(tenantId, sozialraumId, fiscalYear, view);
      const totals = book.totals();
      procedure = {
        ...state.procedure,
        meetingOverdue:
          !state.procedure.closed && !state.procedure.crossingWithdrawnOn && state.procedure.meetings.length === 0 && today > state.procedure.meetingDueBy,
        kaemmereiReportOutstanding: !state.procedure.closed && state.procedure.kaemmereiReports.length === 0,
        supplementaryRequestDue: supplementaryRequestDue({ budget: book.budgetTotal, forecast: totals.forecast, actual: totals.actual }, state.procedure),
      };
    }
    return {
      sozialraumId,
      fiscalYear,
      version,
      view: describeView(view),
      crossings: state.crossings,
      withdrawnCrossings: state.withdrawnCrossings,
      closedMonths: state.closedMonths,
      underrunDetectedOn: state.underrunDetectedOn,
      procedure,
      settlement: state.settlement,
    };
  }

  /** Today's figures from the utilisation read model (kept current by its consumer). */
  private async bookFromReadModel(tenantId: string, sozialraumId: string, fiscalYear: number): Promise<LedgerBook> {
    await this.projections.waitFor('utilisation');
    const book = new LedgerBook(sozialraumId, fiscalYear);
    const key = [tenantId, sozialraumId, fiscalYear];
    const planned = await this.dataSource.query(
      'select category, planned from utilisation_planned where tenant_id = $1 and sozialraum_id = $2 and fiscal_year = $3',
      key,
    );
    for (const row of planned) book.planned = { ...book.planned, [row.category]: new Decimal(row.planned) };
    const cells = await this.dataSource.query(
      'select scope, category, provider_id, month, forecast, actual from utilisation_cells where tenant_id = $1 and sozialraum_id = $2 and fiscal_year = $3',
      key,
    );
    for (const c of cells) {
      const cell = { forecast: new Decimal(c.forecast), actual: new Decimal(c.actual) };
      if (c.scope === 'budget') {
        merge(book.inBudget, `${c.category}|${c.month}`, cell);
        merge(book.byProvider, `${c.provider_id}|${c.category}`, cell);
      } else {
        merge(book.outOfBudget, `${c.scope}|${c.month}`, cell);
      }
    }
    const revenue = await this.dataSource.query(
      'select kind, month, amount from utilisation_revenue where tenant_id = $1 and sozialraum_id = $2 and fiscal_year = $3',
      key,
    );
    for (const r of revenue) book.revenue.set(`${r.kind}|${r.month}`, new Decimal(r.amount));
    const orders = await this.dataSource.query(
      'select category, month, amount from utilisation_orders where tenant_id = $1 and sozialraum_id = $2 and fiscal_year = $3',
      key,
    );
    for (const o of orders) book.orders.set(`${o.category}|${o.month}`, new Decimal(o.amount));
    return book;
  }
}

function merge(map: Map<string, { forecast: Decimal; actual: Decimal }>, key: string, cell: { forecast: Decimal; actual: Decimal }): void {
  const existing = map.get(key);
  map.set(key, existing ? { forecast: existing.forecast.plus(cell.forecast), actual: existing.actual.plus(cell.actual) } : cell);
}
