import { Column, Table } from '../../libs/export';
import { Static } from '../../libs/http/contract/schema-types';
import { JhaReport } from './wirkung.schemas';

const UNIT_LABELS: Record<string, string> = { percent: '%', count: 'Anzahl', euro: '€', 'per-1000': 'je 1.000', months: 'Monate' };

/**
 * The Jugendhilfeausschuss report as an export table. A suppressed figure is a note, not a
 * number, so values are text columns formatted here (decimal comma for Excel where asked).
 */
export function jhaReportTable(report: Static<typeof JhaReport>, decimalComma: boolean): Table {
  const n = (value: string | null) => (value === null ? '' : decimalComma ? value.replace('.', ',') : value);
  const columns: Column[] = [
    { header: 'Sozialraum', kind: 'text' },
    { header: 'Haushaltsjahr', kind: 'integer' },
    { header: 'Abschnitt', kind: 'text', width: 12 },
    { header: 'Kennzahl', kind: 'text', width: 40 },
    { header: 'Einheit', kind: 'text' },
    { header: 'Wert', kind: 'text', width: 16 },
    { header: 'Fälle', kind: 'text' },
    { header: 'Ausgangswert', kind: 'text' },
    { header: 'Zielwert', kind: 'text' },
    { header: 'Hinweis', kind: 'text', width: 32 },
  ];
  const s = report.sozialraumId;
  const y = String(report.fiscalYear);
  const rows: string[][] = [
    [s, y, 'Budget', 'Sozialraumbudget', '€', n(report.budget.budget), '', '', '', ''],
    [s, y, 'Budget', 'Ist', '€', n(report.budget.actual), '', '', '', ''],
    [s, y, 'Budget', 'Hochrechnung', '€', n(report.budget.forecast), '', '', '', ''],
    [s, y, 'Budget', 'Hochrechnung in % des Budgets', '%', n(report.budget.pctOfBudget), '', '', '', ''],
    ...report.indicators.map((i) => [
      s,
      y,
      'Indikator',
      i.name,
      UNIT_LABELS[i.unit] ?? i.unit,
      n(i.value),
      i.cases ?? '',
      n(i.baseline),
      n(i.target),
      i.note ?? '',
    ]),
  ];
  if (report.evaluation) {
    rows.push([s, y, 'Bewertung', 'Punktzahl', '%', n(report.evaluation.scorePct), '', '', '', '']);
    rows.push([s, y, 'Bewertung', 'Prämie', '€', n(report.evaluation.bonus), '', '', '', '']);
  }
  return { columns, rows };
}
