import { Injectable } from '@nestjs/common';
import { Decimal } from '../../libs/money';
import { BookView } from '../steering';
import { MasterDataQueries } from '../master-data';
import { IndicatorPeriod, MeasuredValue } from './domain/computed';
import { IndicatorDefinition, catalogueOn } from './domain/indicator-catalogue';
import { measureIndicator, yearToDatePeriods } from './domain/measure-indicators';
import { factsOn } from './domain/sozialraum-statistics';
import { AgreementVersion, agreementInForce } from './domain/target-agreement';
import { WirkungLog } from './wirkung-log';

export interface IndicatorMeasurement {
  definition: IndicatorDefinition;
  year: MeasuredValue;
  quarters: Array<{ label: string; period: IndicatorPeriod; measured: MeasuredValue }>;
}

export interface SozialraumYearMeasurement {
  period: IndicatorPeriod;
  residentsUnder21: number | null;
  factsFrom: { source: 'statistics' | 'master-data'; validFrom: string } | null;
  agreement: AgreementVersion | null;
  indicators: IndicatorMeasurement[];
}

/** Every indicator of a Sozialraum-year measured through one view, with the facts and the agreement it saw. */
@Injectable()
export class WirkungMeasurements {
  constructor(
    private readonly log: WirkungLog,
    private readonly masterData: MasterDataQueries,
  ) {}

  /** Residents under 21 on a date: the statistics office's facts, else the Sozialraum's own master data. */
  async residentsUnder21(
    tenantId: string,
    sozialraumId: string,
    date: string,
    view: BookView,
  ): Promise<{ value: number | null; from: SozialraumYearMeasurement['factsFrom'] }> {
    const { state } = await this.log.statistics(tenantId, view);
    const recorded = factsOn(state, sozialraumId, date);
    if (recorded) return { value: recorded.residentsUnder21, from: { source: 'statistics', validFrom: recorded.validFrom } };
    const sozialraum = await this.masterData.getSozialraum(tenantId, sozialraumId);
    const version = sozialraum?.versions.filter((v) => v.validFrom <= date).at(-1);
    return version ? { value: version.residentsUnder21, from: { source: 'master-data', validFrom: version.validFrom } } : { value: null, from: null };
  }

  async measure(tenantId: string, sozialraumId: string, fiscalYear: number, view: BookView, onlyKeys?: string[]): Promise<SozialraumYearMeasurement> {
    const yearEnd = `${fiscalYear}-12-31`;
    const to = view.asOf !== undefined && view.asOf < yearEnd ? view.asOf : yearEnd;
    const period = { from: `${fiscalYear}-01-01`, to };
    const [events, reports, agreementLog, catalogueLog] = await Promise.all([
      this.log.yearEvents(tenantId, sozialraumId, fiscalYear, view),
      this.log.reports(tenantId, sozialraumId, fiscalYear, view),
      this.log.agreement(tenantId, sozialraumId, fiscalYear, view),
      this.log.catalogue(tenantId, view),
    ]);
    const definitions = catalogueOn(catalogueLog.state, yearEnd).filter((d) => !onlyKeys || onlyKeys.includes(d.key));
    const facts = new Map<string, number | null>();
    let factsFrom: SozialraumYearMeasurement['factsFrom'] = null;
    const residentsOn = async (date: string) => {
      if (!facts.has(date)) {
        const found = await this.residentsUnder21(tenantId, sozialraumId, date, view);
        facts.set(date, found.value);
        if (date === to) factsFrom = found.from;
      }
      return facts.get(date) ?? null;
    };
    const base = { sozialraumId, fiscalYear, events, reports: reports.state.reports };
    const indicators: IndicatorMeasurement[] = [];
    for (const definition of definitions) {
      const year = measureIndicator(definition, { ...base, period, residentsUnder21: await residentsOn(period.to) });
      const quarters = [];
      for (const q of yearToDatePeriods(fiscalYear, view.asOf))
        quarters.push({ ...q, measured: measureIndicator(definition, { ...base, period: q.period, residentsUnder21: await residentsOn(q.period.to) }) });
      indicators.push({ definition, year, quarters });
    }
    return { period, residentsUnder21: await residentsOn(period.to), factsFrom, agreement: agreementInForce(agreementLog.state), indicators };
  }

  /** The exact year values the evaluation needs, by indicator key. */
  static actuals(measurement: SozialraumYearMeasurement): Record<string, Decimal | null> {
    return Object.fromEntries(measurement.indicators.map((m) => [m.definition.key, m.year.value]));
  }
}
