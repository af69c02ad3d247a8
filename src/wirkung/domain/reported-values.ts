import { Decider, DomainEvent } from '../../../libs/ddd/decider';
import { NotFound, refuse } from '../../../libs/ddd/domain-error';
import { Decimal } from '../../../libs/money';
import { text } from '../../../libs/text/text';
import { SHARED_PROBLEMS } from '../../shared/shared-problems';
import { WIRKUNG_PROBLEMS } from '../wirkung.problems';
import { Aggregation, IndicatorDefinition, Reporter } from './indicator-catalogue';
import { IndicatorPeriod } from './computed';

/** A reporting period: a quarter (`2025-Q1`) or a month (`2025-03`). */
export const REPORT_PERIOD = /^(\d{4})-(Q[1-4]|0[1-9]|1[0-2])$/;

export function periodRange(period: string): IndicatorPeriod {
  const [, year, part] = REPORT_PERIOD.exec(period) ?? [];
  if (part.startsWith('Q')) {
    const q = Number(part.slice(1));
    const from = `${year}-${String(q * 3 - 2).padStart(2, '0')}-01`;
    const toMonth = q * 3;
    return { from, to: `${year}-${String(toMonth).padStart(2, '0')}-${lastDay(Number(year), toMonth)}` };
  }
  return { from: `${year}-${part}-01`, to: `${year}-${part}-${lastDay(Number(year), Number(part))}` };
}

function lastDay(year: number, month: number): string {
  return String(new Date(Date.UTC(year, month, 0)).getUTCDate()).padStart(2, '0');
}

export interface ValueReport {
  reportId: string;
  indicatorKey: string;
  period: string;
  value: string;
  note: string;
  reporter: Reporter;
  organisationId: string;
  /** A correction names the report it replaces and why; the replaced report stays in the log. */
  corrects: string | null;
  reason: string | null;
}

export type ReportedValueEvent = DomainEvent<'IndicatorValueReported', ValueReport>;

export interface ReportedValuesState {
  reports: Array<ValueReport & { reportedOn: string }>;
}

export const reportedValuesDecider: Decider<ReportedValuesState, ReportedValueEvent> = {
  initialState: { reports: [] },
  evolve: (state, event) => ({ reports: [...state.reports, { ...event.data, reportedOn: event.businessDate ?? '' }] }),
};

/** The value in force per indicator and period: the last report, which replaced all before it. */
export function currentReports(reports: ValueReport[]): ValueReport[] {
  const latest = new Map<string, ValueReport>();
  for (const report of reports) latest.set(`${report.indicatorKey}|${report.period}`, report);
  return [...latest.values()];
}

export interface ReportValue {
  sozialraumId: string;
  fiscalYear: number;
  indicatorKey: string;
  period: string;
  value: string;
  note: string;
  reporter: Reporter;
  organisationId: string;
  corrects: string | null;
  reason: string | null;
}

export interface ReportFacts {
  definition: IndicatorDefinition | null;
  yearClosed: boolean;
  /** For a provider: whether it belongs to the Sozialraum's Trägerverbund (lead or member). */
  inTraegerverbund: boolean;
}

/**
 * R12: a value per indicator and period with a note; a correction is a new report naming the one
 * it replaces, with a reason. A provider reports only where its Trägerverbund works.
 */
export function decideReportValue(cmd: ReportValue, state: ReportedValuesState, facts: ReportFacts): ReportedValueEvent[] {
  const { definition } = facts;
  if (!definition)
    refuse(
      WIRKUNG_PROBLEMS['unknown-indicator'],
      text(`indicatorKey: Den Indikator „${cmd.indicatorKey}“ kennt der Katalog nicht.`, `indicatorKey: no indicator "${cmd.indicatorKey}".`),
      { indicatorKey: cmd.indicatorKey, field: 'indicatorKey' },
    );
  if (definition.source !== 'reported')
    refuse(
      WIRKUNG_PROBLEMS['indicator-not-reported'],
      text(`indicatorKey: ${definition.name} wird aus dem Ereignisprotokoll berechnet, nicht gemeldet.`, `indicatorKey: ${cmd.indicatorKey} is computed.`),
      { indicatorKey: cmd.indicatorKey, field: 'indicatorKey' },
    );
  if (!cmd.period.startsWith(`${cmd.fiscalYear}-`))
    refuse(
      WIRKUNG_PROBLEMS['period-outside-year'],
      text(`period: ${cmd.period} liegt nicht im Haushaltsjahr ${cmd.fiscalYear}.`, `period: ${cmd.period} is outside fiscal year ${cmd.fiscalYear}.`),
      { field: 'period' },
    );
  if (facts.yearClosed)
    refuse(
      SHARED_PROBLEMS['fiscal-year-closed'],
      text(
        `Das Haushaltsjahr ${cmd.fiscalYear} ist abgeschlossen; Werte für ${cmd.period} werden nicht mehr gemeldet.`,
        `Fiscal year ${cmd.fiscalYear} is closed; no more values for ${cmd.period}.`,
      ),
      { fiscalYear: cmd.fiscalYear },
    );
  if (!definition.reportedBy.includes(cmd.reporter))
    refuse(
      WIRKUNG_PROBLEMS['reporter-not-allowed'],
      text(
        `${definition.name} meldet ${definition.reportedBy.map((r) => (r === 'provider' ? 'ein Träger' : 'das Jugendamt')).join(' oder ')}.`,
        `${cmd.indicatorKey} is reported by ${definition.reportedBy.join(' or ')}.`,
      ),
    );
  if (cmd.reporter === 'provider' && !facts.inTraegerverbund)
    refuse(
      WIRKUNG_PROBLEMS['not-in-traegerverbund'],
      text(
        `${cmd.organisationId} gehört nicht zum Trägerverbund von ${cmd.sozialraumId} und meldet dort keine Werte.`,
        `${cmd.organisationId} is not in the Trägerverbund of ${cmd.sozialraumId}.`,
      ),
    );
  const current = currentReports(state.reports).find((r) => r.indicatorKey === cmd.indicatorKey && r.period === cmd.period) ?? null;
  if (cmd.corrects === null && current)
    refuse(
      WIRKUNG_PROBLEMS['value-already-reported'],
      text(
        `Für ${cmd.indicatorKey} ${cmd.period} ist bereits ${current.value} gemeldet (${current.reportId}); eine Berichtigung nennt corrects und reason.`,
        `${cmd.indicatorKey} ${cmd.period} is reported already (${current.reportId}); a correction names corrects and reason.`,
      ),
      { reportId: current.reportId },
    );
  if (cmd.corrects !== null && (!current || current.reportId !== cmd.corrects))
    throw new NotFound(
      WIRKUNG_PROBLEMS['report-not-found'],
      text(
        `corrects: ${cmd.corrects} ist nicht die geltende Meldung für ${cmd.indicatorKey} ${cmd.period}${current ? ` (das ist ${current.reportId})` : ''}.`,
        `corrects: ${cmd.corrects} is not the report in force for ${cmd.indicatorKey} ${cmd.period}.`,
      ),
      { field: 'corrects' },
    );
  const { sozialraumId: _s, fiscalYear, ...report } = cmd;
  return [{ type: 'IndicatorValueReported', data: { ...report, reportId: `MW-${fiscalYear}-${state.reports.length + 1}` } }];
}

/** The value of a longer period from the reports of the periods inside it (R12 aggregation). */
export function aggregateReports(reports: ValueReport[], period: IndicatorPeriod, aggregation: Aggregation): { value: Decimal | null; periods: number } {
  const inside = currentReports(reports)
    .filter((r) => {
      const range = periodRange(r.period);
      return range.from >= period.from && range.to <= period.to;
    })
    .sort((a, b) => periodRange(a.period).from.localeCompare(periodRange(b.period).from));
  if (!inside.length) return { value: null, periods: 0 };
  const values = inside.map((r) => new Decimal(r.value));
  const sum = values.reduce((a, b) => a.plus(b), new Decimal(0));
  const value = aggregation === 'sum' ? sum : aggregation === 'mean' ? sum.div(values.length) : values[values.length - 1];
  return { value, periods: inside.length };
}
