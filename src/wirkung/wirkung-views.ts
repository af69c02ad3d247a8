import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AggregateStore } from '../../libs/ddd/aggregate-store';
import { ProjectionRunner } from '../../libs/event-store/nest/projection-runner';
import { Static } from '../../libs/http/contract/schema-types';
import { BudgetQueries } from '../budgets';
import { BookView, SteeringQueries, calculateSettlement, steeringStreamDecider } from '../steering';
import { streams } from '../shared/stream-ids';
import { MeasuredValue } from './domain/computed';
import { catalogueOn, indicatorOn } from './domain/indicator-catalogue';
import { evaluatePerformance } from './domain/evaluation';
import { currentReports } from './domain/reported-values';
import { publishedValue } from './domain/small-cells';
import { AgreementVersion, agreementInForce } from './domain/target-agreement';
import { WirkungLog } from './wirkung-log';
import { WirkungMeasurements } from './wirkung-measurements';
import {
  IndicatorCatalogue,
  IndicatorReports,
  JhaReport,
  StatisticsFacts,
  TargetAgreements,
  WirkungComparison,
  WirkungEvaluation,
  WirkungMonitoring,
} from './wirkung.schemas';

export function describeView(view: BookView) {
  return { asOf: view.asOf ?? null, knownAt: view.knownAt?.toISOString() ?? null, knownAtPosition: view.knownAtPosition?.toString() ?? null };
}

function measuredJson(m: MeasuredValue) {
  return {
    value: m.value === null ? null : m.value.toFixed(2),
    exact: m.value === null ? null : m.value.toDecimalPlaces(10).toFixed(),
    numerator: m.numerator.toFixed(),
    denominator: m.denominator === null ? null : m.denominator.toFixed(),
    caseCount: m.caseCount,
  };
}

function targetOf(agreement: AgreementVersion | null, key: string) {
  const item = agreement?.indicators.find((i) => i.indicatorKey === key);
  return item && agreement ? { baseline: item.baseline, target: item.target, weight: item.weight, agreementId: agreement.agreementId } : null;
}

/** The read side of R12, every answer through a view of the log. */
@Injectable()
export class WirkungViews {
  constructor(
    private readonly log: WirkungLog,
    private readonly measurements: WirkungMeasurements,
    private readonly steering: SteeringQueries,
    private readonly budgets: BudgetQueries,
    private readonly aggregates: AggregateStore,
    private readonly projections: ProjectionRunner,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async catalogue(tenantId: string, asOf: string): Promise<Static<typeof IndicatorCatalogue>> {
    const { state, version } = await this.log.catalogue(tenantId);
    return { asOf, version, indicators: catalogueOn(state, asOf), history: state.versions };
  }

  async statistics(tenantId: string, sozialraumId?: string): Promise<Static<typeof StatisticsFacts>> {
    const { state, version } = await this.log.statistics(tenantId);
    return { version, facts: state.facts.filter((f) => !sozialraumId || f.sozialraumId === sozialraumId) };
  }

  /** The agreement as it stood on a business date or as known at a moment; `version` is always the stream's current one (If-Match). */
  async agreements(tenantId: string, sozialraumId: string, fiscalYear: number, view: BookView = {}): Promise<Static<typeof TargetAgreements>> {
    const { state, version } = await this.log.agreement(tenantId, sozialraumId, fiscalYear, view);
    return { sozialraumId, fiscalYear, version, inForce: agreementInForce(state), versions: state.versions, view: describeView(view) };
  }

  async reports(tenantId: string, sozialraumId: string, fiscalYear: number, view: BookView): Promise<Static<typeof IndicatorReports>> {
    const { state, version } = await this.log.reports(tenantId, sozialraumId, fiscalYear, view);
    const current = new Set(currentReports(state.reports).map((r) => r.reportId));
    return {
      sozialraumId,
      fiscalYear,
      version,
      reports: state.reports.map((r) => ({ ...r, current: current.has(r.reportId) })),
      view: describeView(view),
    };
  }

  async monitoring(tenantId: string, sozialraumId: string, fiscalYear: number, view: BookView): Promise<Static<typeof WirkungMonitoring>> {
    const m = await this.measurements.measure(tenantId, sozialraumId, fiscalYear, view);
    return {
      sozialraumId,
      fiscalYear,
      period: m.period,
      residentsUnder21: m.residentsUnder21,
      factsFrom: m.factsFrom,
      agreement: m.agreement ? { agreementId: m.agreement.agreementId, version: m.agreement.version, status: m.agreement.status } : null,
      indicators: m.indicators.map(({ definition: d, year, quarters }) => ({
        indicatorKey: d.key,
        name: d.name,
        unit: d.unit,
        direction: d.direction,
        source: d.source,
        incentivisable: d.incentivisable,
        definition: d.definition,
        year: measuredJson(year),
        quarters: quarters.map((q) => ({ quarter: q.label, periodEnd: q.period.to, measured: measuredJson(q.measured) })),
        target: targetOf(m.agreement, d.key),
      })),
      view: describeView(view),
    };
  }

  async comparison(tenantId: string, indicatorKey: string, fiscalYear: number, view: BookView): Promise<Static<typeof WirkungComparison> | null> {
    const definition = indicatorOn((await this.log.catalogue(tenantId, view)).state, indicatorKey, `${fiscalYear}-12-31`);
    if (!definition) return null;
    // The master-data list names the tenant's Sozialräume; the figures come from the log.
    await this.projections.waitFor('master-data-lists');
    const rows: Array<{ sozialraum_id: string }> = await this.dataSource.query(
      'select sozialraum_id from md_sozialraeume where tenant_id = $1 order by sozialraum_id collate "C"',
      [tenantId],
    );
    const sozialraeume = [];
    for (const { sozialraum_id: sozialraumId } of rows) {
      const m = await this.measurements.measure(tenantId, sozialraumId, fiscalYear, view, [indicatorKey]);
      sozialraeume.push({ sozialraumId, year: measuredJson(m.indicators[0].year), target: targetOf(m.agreement, indicatorKey) });
    }
    return { fiscalYear, indicator: definition, sozialraeume, view: describeView(view) };
  }

  async evaluation(tenantId: string, sozialraumId: string, fiscalYear: number): Promise<Static<typeof WirkungEvaluation>> {
    const { state } = await this.aggregates.load(streams.steering(tenantId, sozialraumId, fiscalYear), steeringStreamDecider);
    const s = state.settlement;
    const recorded = s
      ? { settlementId: s.settlementId, calculatedOn: s.calculatedOn, confirmations: s.confirmations, applied: s.applied, evaluation: s.evaluation ?? null }
      : null;
    return { sozialraumId, fiscalYear, recorded, preview: await this.previewEvaluation(tenantId, sozialraumId, fiscalYear) };
  }

  /** What the evaluation would be from today's figures, under the agreement in force (null without one). */
  private async previewEvaluation(tenantId: string, sozialraumId: string, fiscalYear: number) {
    const { state } = await this.log.agreement(tenantId, sozialraumId, fiscalYear);
    const agreement = agreementInForce(state);
    if (!agreement) return null;
    const view = {};
    const measurement = await this.measurements.measure(
      tenantId,
      sozialraumId,
      fiscalYear,
      view,
      agreement.indicators.map((i) => i.indicatorKey),
    );
    const book = await this.steering.book(tenantId, sozialraumId, fiscalYear, view);
    const { terms } = await this.budgets.contractOn(tenantId, sozialraumId, `${fiscalYear}-12-31`);
    const flexible = book.planned.FUE.plus(book.planned.FU);
    const settlement = calculateSettlement(book.budgetTotal, flexible, book.totals().actual, terms);
    const catalogue = catalogueOn((await this.log.catalogue(tenantId)).state, `${fiscalYear}-12-31`);
    return evaluatePerformance(agreement, catalogue, WirkungMeasurements.actuals(measurement), flexible, settlement);
  }

  /** The Sozialraum report for the Jugendhilfeausschuss: figures leave the two parties, so small cells are protected. */
  async jhaReport(tenantId: string, sozialraumId: string, fiscalYear: number, view: BookView): Promise<Static<typeof JhaReport>> {
    const m = await this.measurements.measure(tenantId, sozialraumId, fiscalYear, view);
    const book = await this.steering.book(tenantId, sozialraumId, fiscalYear, view);
    const u = book.utilisation();
    const { state } = await this.aggregates.load(streams.steering(tenantId, sozialraumId, fiscalYear), steeringStreamDecider);
    const evaluation = state.settlement?.evaluation ?? null;
    return {
      sozialraumId,
      fiscalYear,
      budget: { budget: u.budget, actual: u.actual, forecast: u.forecast, pctOfBudget: u.forecastPctOfBudget },
      indicators: m.indicators.map(({ definition: d, year }) => {
        const published = publishedValue(year);
        const target = targetOf(m.agreement, d.key);
        return {
          indicatorKey: d.key,
          name: d.name,
          unit: d.unit,
          value: published.value,
          cases: published.cases,
          note: published.note,
          baseline: target?.baseline ?? null,
          target: target?.target ?? null,
        };
      }),
      evaluation: evaluation ? { scorePct: evaluation.scorePct, bonus: evaluation.bonus } : null,
      view: describeView(view),
    };
  }
}
