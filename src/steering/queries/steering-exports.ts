import { Column, Parameter, Table } from '../../../libs/export';
import { Static } from '../../../libs/http/contract/schema-types';
import { Decimal, formatAmount } from '../../../libs/money';
import { BudgetContractTerms } from '../../budgets';
import { CATEGORY_NAMES, BudgetCategory } from '../../shared/budget-category';
import { THRESHOLD_KINDS, ThresholdKind, thresholdPct } from '../domain/thresholds';
import { ForecastTimeline, MonitoringList, ProviderFigures, SettlementView, Utilisation } from '../steering.schemas';
import { BookViewQuery } from './book-view.dto';

/**
 * The steering views as export tables: one definition per view, rendered as CSV and as XLSX from
 * the same rows, so both files always show the same figures as the JSON view they come from.
 */

const SOZIALRAUM: Column = { header: 'Sozialraum', kind: 'text' };
const FISCAL_YEAR: Column = { header: 'Haushaltsjahr', kind: 'integer' };
const amount = (header: string): Column => ({ header, kind: 'amount' });
const categoryName = (category: string) => CATEGORY_NAMES[category as BudgetCategory];

/** The parameters of a steering view: which Sozialraum-year, and through which view of time. */
export function steeringParameters(title: string, sozialraumId: string, fiscalYear: number, query: BookViewQuery): Parameter[] {
  return [
    { label: 'Auswertung', value: title },
    { label: 'Sozialraum', value: sozialraumId },
    { label: 'Haushaltsjahr', value: String(fiscalYear) },
    query.asOf ? { label: 'Stand am', value: query.asOf, kind: 'date' } : { label: 'Stand am', value: 'heute' },
    query.knownAt ? { label: 'Wissensstand', value: query.knownAt, kind: 'timestamp' } : { label: 'Wissensstand', value: 'aktuell' },
    ...(query.knownAtPosition ? [{ label: 'Protokollposition', value: `bis ${query.knownAtPosition}` }] : []),
  ];
}

export function utilisationTable(u: Static<typeof Utilisation>): Table {
  const columns: Column[] = [
    SOZIALRAUM,
    FISCAL_YEAR,
    { header: 'Kategorie', kind: 'text', width: 18 },
    { header: 'Monat', kind: 'month' },
    amount('Ansatz'),
    amount('Offene Bindungen'),
    amount('Ist'),
    amount('Hochrechnung'),
    amount('Verfügbar'),
  ];
  const year = String(u.fiscalYear);
  const rows: string[][] = [];
  for (const c of u.categories) {
    const name = categoryName(c.category);
    for (const m of c.months) rows.push([u.sozialraumId, year, name, m.month, '', m.committed, m.actual, m.forecast, '']);
    rows.push([u.sozialraumId, year, name, 'Gesamt', c.planned, c.committed, c.actual, c.forecast, c.available]);
  }
  rows.push([u.sozialraumId, year, 'Sozialraumbudget', 'Gesamt', u.planned, u.committed, u.actual, u.forecast, u.available]);
  return { columns, rows };
}

export function monitoringListTable(h: Static<typeof MonitoringList>): Table {
  const columns: Column[] = [
    SOZIALRAUM,
    FISCAL_YEAR,
    { header: 'Kategorie', kind: 'text', width: 18 },
    amount('Ansatz'),
    amount('Bindungen'),
    amount('Anordnungen'),
    amount('Ist'),
    amount('Rest'),
  ];
  const year = String(h.fiscalYear);
  const figures = (f: Static<typeof MonitoringList>['total']) => [f.ansatz, f.bindungen, f.anordnungen, f.ist, f.rest];
  const rows = h.rows.map((r) => [h.sozialraumId, year, categoryName(r.category), ...figures(r)]);
  rows.push([h.sozialraumId, year, 'Gesamt', ...figures(h.total)]);
  return { columns, rows };
}

const CAUSE_KINDS: Record<string, string> = {
  approval: 'Bewilligung',
  subsidy: 'Zuwendung',
  'flexible-item': 'Flexible Maßnahme',
  budget: 'Budget',
};

type TimelineEntryJson = Static<typeof ForecastTimeline>['entries'][number];

/** "Bewilligung TW-25-001 (Tagesgruppe)", as the Sozialraum-year page names it; without a cause the event type. */
export function describeCause(entry: Pick<TimelineEntryJson, 'cause' | 'type'>): string {
  const cause = entry.cause;
  if (!cause) return entry.type;
  const kind = CAUSE_KINDS[cause.kind] ?? cause.kind;
  const reference = cause.caseRef ?? (cause.kind === 'budget' ? undefined : cause.id);
  const details = [cause.label, cause.reason].filter((detail): detail is string => !!detail && detail !== reference);
  return [kind, reference].filter(Boolean).join(' ') + (details.length ? ` (${details.join('; ')})` : '');
}

const THRESHOLD_NAMES: Record<ThresholdKind, string> = {
  warning: 'Warnschwelle',
  procedure: 'Überschreitungsverfahren',
  renegotiation: 'Nachverhandlung',
};

/**
 * Per entry, the thresholds of R7 its change carried the forecast over (above, not at), with the
 * percentages of the contract in force on the entry's business date; a share that falls back and
 * rises again crosses again, as the page's table marks it.
 */
export function timelineCrossings(entries: readonly TimelineEntryJson[], termsOn: (date: string) => BudgetContractTerms): string[][] {
  const above = new Set<ThresholdKind>();
  return entries.map((entry) => {
    const terms = termsOn(entry.businessDate);
    const budget = new Decimal(entry.budget);
    const forecast = new Decimal(entry.forecast);
    const crossed: string[] = [];
    for (const kind of THRESHOLD_KINDS) {
      const pct = thresholdPct(terms, kind);
      const isAbove = !budget.isZero() && forecast.greaterThan(budget.times(pct).div(100));
      if (isAbove && !above.has(kind)) crossed.push(`${THRESHOLD_NAMES[kind]} (${pct.replace('.', ',')} %)`);
      if (isAbove) above.add(kind);
      else above.delete(kind);
    }
    return crossed;
  });
}

export function timelineTable(timeline: Static<typeof ForecastTimeline>, termsOn: (date: string) => BudgetContractTerms): Table {
  const columns: Column[] = [
    SOZIALRAUM,
    FISCAL_YEAR,
    { header: 'Geschäftsdatum', kind: 'date' },
    { header: 'Ursache', kind: 'text', width: 44 },
    amount('Änderung'),
    amount('Hochrechnung'),
    amount('B'),
    { header: '% von B', kind: 'percent' },
    { header: 'Schwelle überschritten', kind: 'text', width: 36 },
    { header: 'Ereignistyp', kind: 'text', width: 26 },
    { header: 'Protokollposition', kind: 'integer' },
  ];
  const crossings = timelineCrossings(timeline.entries, termsOn);
  const year = String(timeline.fiscalYear);
  const rows = timeline.entries.map((e, index) => [
    timeline.sozialraumId,
    year,
    e.businessDate,
    describeCause(e),
    e.delta,
    e.forecast,
    e.budget,
    e.pctOfBudget,
    crossings[index].join('; '),
    e.type,
    e.position,
  ]);
  return { columns, rows };
}

type SettlementFiguresJson = Static<typeof SettlementView>['preview'];

const OUTCOME_NAMES: Record<SettlementFiguresJson['outcome'], string> = {
  none: 'keine Abrechnung (Abweichung im Korridor)',
  overrun: 'Überschreitung',
  underrun: 'Unterschreitung',
};

/** Every figure of R10 in the order of the calculation, with the letters of the rule book. */
const SETTLEMENT_FIGURES: ReadonlyArray<[Exclude<keyof SettlementFiguresJson, 'outcome'>, string]> = [
  ['budget', 'B (Sozialraumbudget)'],
  ['flexibleBudget', 'Flexibles Budget (FÜ + FU)'],
  ['actual', 'Ist I'],
  ['deviation', 'Abweichung D = I − B'],
  ['corridor', 'Korridor K'],
  ['excess', 'Überschreitung E = D − K'],
  ['savings', 'Einsparung S = −D − K'],
  ['providerShare', 'Anteil der Träger (Malus)'],
  ['providerShareCap', 'Deckel des Trägeranteils'],
  ['jugendamtShare', 'Anteil des Jugendamts'],
  ['carryForward', 'Übertrag ins Folgejahr'],
  ['carryForwardCap', 'Deckel des Übertrags'],
  ['returnedToMunicipalBudget', 'Zurück an den Haushalt'],
];

const PARTY_NAMES = { jugendamt: 'Jugendamt', 'lead-provider': 'Federführender Träger' } as const;

/**
 * The recorded settlement with every figure (empty where R10 has none for the outcome), when and
 * by whom it was confirmed, and the preview from the view's figures: one row per statement, its
 * kind of value in the column of that kind.
 */
export function settlementTable(view: Static<typeof SettlementView>): Table {
  const columns: Column[] = [
    SOZIALRAUM,
    FISCAL_YEAR,
    { header: 'Abschnitt', kind: 'text', width: 18 },
    { header: 'Angabe', kind: 'text', width: 34 },
    amount('Betrag'),
    { header: 'Datum', kind: 'date' },
    { header: 'Text', kind: 'text', width: 40 },
  ];
  const year = String(view.fiscalYear);
  const rows: string[][] = [];
  const row = (section: string, label: string, value: { amount?: string | null; date?: string; text?: string }) =>
    rows.push([view.sozialraumId, year, section, label, value.amount ?? '', value.date ?? '', value.text ?? '']);
  const figures = (section: string, f: SettlementFiguresJson) => {
    row(section, 'Ergebnis', { text: OUTCOME_NAMES[f.outcome] });
    for (const [key, label] of SETTLEMENT_FIGURES) row(section, label, { amount: f[key] });
  };

  const recorded = view.recorded;
  if (recorded) {
    row('Jahresabrechnung', 'Kennung', { text: recorded.settlementId });
    row('Jahresabrechnung', 'Berechnet am', { date: recorded.calculatedOn });
    figures('Jahresabrechnung', recorded.figures);
    row('Jahresabrechnung', 'Federführender Träger', { text: recorded.leadProviderId ?? '' });
    row('Jahresabrechnung', 'Auf das Folgejahr angewendet', { text: recorded.applied ? 'ja' : 'nein' });
    row('Jahresabrechnung', 'Protokollposition', { text: recorded.logPosition });
    const evaluation = recorded.evaluation;
    if (evaluation) {
      // R12: the evaluation confirmed and applied with the settlement, every intermediate figure.
      for (const i of evaluation.indicators)
        row('Bewertung', `${i.name}: Ist ${i.actualRounded ?? '–'}, Ziel ${i.target} (Ausgang ${i.baseline})`, {
          text: `Zielerreichung ${i.achievementPct} %, Gewicht ${i.weight}`,
        });
      row('Bewertung', 'Punktzahl', { text: `${evaluation.scorePct} % (Mindestpunktzahl ${evaluation.minimumScorePct} %)` });
      row('Bewertung', 'Prämientopf', { amount: evaluation.pool, text: evaluation.poolBasis });
      row('Bewertung', 'Prämie', { amount: evaluation.bonus });
      row('Bewertung', 'davon aus dem Rückfluss an den Haushalt', { amount: evaluation.bonusFromReturn });
      row('Bewertung', 'davon Erhöhung des Folgejahres', { amount: evaluation.bonusIncrease });
      row('Bewertung', 'Rückfluss an den Haushalt nach Prämie', { amount: evaluation.returnedToMunicipalBudget });
      row('Bewertung', 'Änderung des fallunspezifischen Budgets im Folgejahr', { amount: evaluation.nextYearFuChange });
    }
    for (const c of recorded.confirmations) row('Bestätigung', PARTY_NAMES[c.party], { date: c.on, text: c.organisationId });
    if (recorded.confirmations.length === 0) row('Bestätigung', 'Bestätigungen', { text: 'noch keine' });
  } else {
    row('Jahresabrechnung', 'Ergebnis', { text: 'noch nicht berechnet' });
  }
  figures('Vorschau', view.preview);
  return { columns, rows };
}

const SCOPE_NAMES: Record<string, string> = {
  'excluded-legal-basis': 'Neben dem Budget: ausgenommene Rechtsgrundlage',
  'high-cost': 'Neben dem Budget: Hochkostenfall',
  other: 'Neben dem Budget: sonstiger Grund',
};

/** A provider's figures per Sozialraum, budget or reason beside it, category and Leistungsmonat, with the sums. */
export function providerFiguresTable(f: Static<typeof ProviderFigures>): Table {
  const columns: Column[] = [
    { header: 'Träger', kind: 'text' },
    FISCAL_YEAR,
    SOZIALRAUM,
    { header: 'Zuordnung', kind: 'text', width: 46 },
    { header: 'Kategorie', kind: 'text', width: 18 },
    { header: 'Monat', kind: 'month' },
    amount('Gebunden'),
    amount('Ist'),
    amount('Hochrechnung'),
  ];
  const year = String(f.fiscalYear);
  const rows: string[][] = [];
  for (const line of f.lines) {
    const scope = line.inBudget ? 'Im Budget' : (SCOPE_NAMES[line.outOfBudgetReason ?? 'other'] ?? SCOPE_NAMES.other);
    const base = [f.providerId, year, line.sozialraumId, scope, categoryName(line.category)];
    for (const m of line.months) rows.push([...base, m.month, m.committed, m.actual, m.forecast]);
    rows.push([...base, 'Gesamt', line.committed, line.actual, line.forecast]);
  }
  // Gebunden is what is forecast and not yet actual, as on every line.
  const committed = formatAmount(new Decimal(f.forecast).minus(f.actual));
  rows.push([f.providerId, year, '', 'Gesamt (im und neben dem Budget)', '', 'Gesamt', committed, f.actual, f.forecast]);
  return { columns, rows };
}
