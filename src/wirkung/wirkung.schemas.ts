import { named } from '../../libs/http/contract/named-schemas';
import { Amount, Decimal, IsoDate, LogPosition, Nullable, OneOf, Shape, Type } from '../../libs/http/contract/schema-types';
import { PerformanceEvaluationSchema } from '../steering';
import { AGGREGATIONS, DIRECTIONS, INDICATOR_UNITS, REPORTERS } from './domain/indicator-catalogue';

const Party = OneOf(['jugendamt', 'lead-provider'] as const, { description: 'Seite: Jugendamt oder federführender Träger' });

const viewFields = {
  view: Shape({ asOf: Nullable(IsoDate), knownAt: Nullable(Type.String()), knownAtPosition: Nullable(LogPosition) }),
};

const IndicatorDefinition = Shape({
  key: Type.String(),
  name: Type.String(),
  definition: Type.String({ description: 'Wie der Indikator berechnet oder gemeldet wird' }),
  unit: OneOf(INDICATOR_UNITS),
  direction: OneOf(DIRECTIONS),
  source: OneOf(['computed', 'reported'] as const, { description: 'Aus dem Ereignisprotokoll berechnet oder je Zeitraum gemeldet' }),
  aggregation: Nullable(OneOf(AGGREGATIONS)),
  reportedBy: Type.Array(OneOf(REPORTERS)),
  incentivisable: Type.Boolean({ description: 'R8: false heißt nur beobachtet, nie in einer Prämie gewichtet' }),
  effectiveFrom: IsoDate,
});

export const IndicatorCatalogue = named(
  'IndicatorCatalogue',
  Shape({
    asOf: IsoDate,
    version: Type.Integer({ description: 'Fassung des Katalog-Datenstroms des Mandanten' }),
    indicators: Type.Array(IndicatorDefinition),
    history: Type.Array(IndicatorDefinition, { description: 'Jede Fassung der eigenen Indikatoren des Mandanten' }),
  }),
  'Der Indikatorenkatalog (R12) zu einem Stichtag: die berechneten Indikatoren und die eigenen, gemeldeten des Mandanten',
);

const WeightedIndicator = Shape({ indicatorKey: Type.String(), baseline: Decimal, target: Decimal, weight: Decimal });
const BonusRule = Shape({
  pool: Type.Union([Shape({ kind: Type.Literal('amount'), amount: Amount }), Shape({ kind: Type.Literal('percent-of-flexible-budget'), percent: Decimal })]),
  minimumScorePct: Decimal,
});
const AgreementVersion = Shape({
  agreementId: Type.String(),
  version: Type.Integer(),
  sozialraumId: Type.String(),
  fiscalYear: Type.Integer(),
  proposedBy: Party,
  proposerOrganisationId: Type.String(),
  indicators: Type.Array(WeightedIndicator),
  bonus: BonusRule,
  reason: Type.String(),
  status: OneOf(['proposed', 'agreed', 'rejected', 'withdrawn', 'superseded'] as const),
  proposedOn: IsoDate,
  answer: Nullable(Shape({ agreementId: Type.String(), by: Party, organisationId: Type.String(), reason: Nullable(Type.String()), on: IsoDate })),
});

export const TargetAgreements = named(
  'TargetAgreements',
  Shape({
    sozialraumId: Type.String(),
    fiscalYear: Type.Integer(),
    version: Type.Integer({ description: 'Fassung des Datenstroms der Zielvereinbarung (ETag)' }),
    inForce: Nullable(AgreementVersion),
    versions: Type.Array(AgreementVersion, { description: 'Jeder Vorschlag mit seinem Stand, in der Reihenfolge der Vorschläge' }),
    agreementId: Type.Optional(Type.String({ description: 'Der Vorschlag, den die Anfrage gebucht oder beantwortet hat' })),
    view: Type.Optional(viewFields.view),
  }),
  'Die Zielvereinbarung eines Sozialraum-Jahres (R12): jede Fassung mit Vorschlag, Zustimmung, Ablehnung oder Rücknahme, und die geltende',
);

const Report = Shape({
  reportId: Type.String(),
  indicatorKey: Type.String(),
  period: Type.String({ description: 'Quartal (JJJJ-Qn) oder Monat (JJJJ-MM)' }),
  value: Decimal,
  note: Type.String(),
  reporter: OneOf(REPORTERS),
  organisationId: Type.String(),
  corrects: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  reportedOn: IsoDate,
  current: Type.Boolean({ description: 'Die geltende Meldung für Indikator und Zeitraum (keine spätere Berichtigung)' }),
});

export const IndicatorReports = named(
  'IndicatorReports',
  Shape({
    sozialraumId: Type.String(),
    fiscalYear: Type.Integer(),
    version: Type.Integer(),
    reports: Type.Array(Report, { description: 'Jede Meldung wie erfasst; Berichtigungen ersetzen, löschen aber nichts' }),
    reportId: Type.Optional(Type.String({ description: 'Die gebuchte Meldung' })),
    ...viewFields,
  }),
  'Die gemeldeten Indikatorwerte eines Sozialraum-Jahres mit allen Berichtigungen',
);

const Measured = Shape({
  value: Nullable(Decimal),
  exact: Nullable(Type.String({ description: 'Exakter Wert (bis 10 Nachkommastellen)' })),
  numerator: Type.String(),
  denominator: Nullable(Type.String()),
  caseCount: Nullable(Type.Integer({ description: 'Anzahl der Bewilligungen, auf denen der Wert beruht' })),
});

const MonitoredIndicator = Shape({
  indicatorKey: Type.String(),
  name: Type.String(),
  unit: OneOf(INDICATOR_UNITS),
  direction: OneOf(DIRECTIONS),
  source: OneOf(['computed', 'reported'] as const),
  incentivisable: Type.Boolean(),
  definition: Type.String(),
  year: Measured,
  quarters: Type.Array(Shape({ quarter: Type.String(), periodEnd: IsoDate, measured: Measured }), {
    description: 'Seit Jahresbeginn bis zum Quartalsende (mit asOf: bis zum Stichtag)',
  }),
  target: Nullable(Shape({ baseline: Decimal, target: Decimal, weight: Decimal, agreementId: Type.String() })),
});

export const WirkungMonitoring = named(
  'WirkungMonitoring',
  Shape({
    sozialraumId: Type.String(),
    fiscalYear: Type.Integer(),
    period: Shape({ from: IsoDate, to: IsoDate }),
    residentsUnder21: Nullable(Type.Integer()),
    factsFrom: Nullable(Shape({ source: OneOf(['statistics', 'master-data'] as const), validFrom: IsoDate })),
    agreement: Nullable(Shape({ agreementId: Type.String(), version: Type.Integer(), status: Type.String() })),
    indicators: Type.Array(MonitoredIndicator),
    ...viewFields,
  }),
  'Jeder Indikator eines Sozialraum-Jahres (R12) mit Jahreswert, Verlauf je Quartal und Ziellinie der geltenden Zielvereinbarung, zu einem Stichtag und wie zu einem Zeitpunkt bekannt',
);

export const WirkungComparison = named(
  'WirkungComparison',
  Shape({
    fiscalYear: Type.Integer(),
    indicator: IndicatorDefinition,
    sozialraeume: Type.Array(
      Shape({
        sozialraumId: Type.String(),
        year: Measured,
        target: Nullable(Shape({ baseline: Decimal, target: Decimal, weight: Decimal, agreementId: Type.String() })),
      }),
    ),
    ...viewFields,
  }),
  'Ein Indikator für alle Sozialräume des Mandanten in einem Jahr (Gesamtsteuerung), nach sozialraumId',
);

export const WirkungEvaluation = named(
  'WirkungEvaluation',
  Shape({
    sozialraumId: Type.String(),
    fiscalYear: Type.Integer(),
    recorded: Nullable(
      Shape({
        settlementId: Type.String(),
        calculatedOn: IsoDate,
        confirmations: Type.Array(Shape({ party: Party, organisationId: Type.String(), on: IsoDate })),
        applied: Type.Boolean(),
        evaluation: Nullable(PerformanceEvaluationSchema),
      }),
    ),
    preview: Nullable(PerformanceEvaluationSchema),
  }),
  'Die Bewertung der Leistungen (R12): wie mit der Jahresabrechnung gebucht und bestätigt, und eine Vorschau aus den heutigen Zahlen',
);

export const StatisticsFacts = named(
  'StatisticsFacts',
  Shape({
    version: Type.Integer(),
    facts: Type.Array(
      Shape({
        importId: Type.String(),
        fileSha256: Type.String(),
        sozialraumId: Type.String(),
        validFrom: IsoDate,
        residents: Type.Integer(),
        residentsUnder21: Type.Integer(),
        keyFigures: Type.Array(Shape({ name: Type.String(), value: Decimal })),
      }),
    ),
    importId: Type.Optional(Type.String()),
  }),
  'Die Sozialraumdaten des Statistikamts, je Sozialraum und Stichtag, wie eingelesen',
);

export const JhaReport = named(
  'JhaReport',
  Shape({
    sozialraumId: Type.String(),
    fiscalYear: Type.Integer(),
    budget: Shape({ budget: Amount, actual: Amount, forecast: Amount, pctOfBudget: Decimal }),
    indicators: Type.Array(
      Shape({
        indicatorKey: Type.String(),
        name: Type.String(),
        unit: OneOf(INDICATOR_UNITS),
        value: Nullable(Decimal),
        cases: Nullable(Type.String({ description: 'Fallzahl wie veröffentlicht: ab 5 genau, 1–4 als „< 5“' })),
        note: Nullable(Type.String()),
        baseline: Nullable(Decimal),
        target: Nullable(Decimal),
      }),
    ),
    evaluation: Nullable(Shape({ scorePct: Decimal, bonus: Amount })),
    ...viewFields,
  }),
  'Der Sozialraumbericht für den Jugendhilfeausschuss: Budgetzahlen, Indikatoren, Ziele und Bewertung, mit der Regel kleiner Fallzahlen (R12)',
);
