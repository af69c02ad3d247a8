import { named } from '../../libs/http/contract/named-schemas';
import { Amount, Decimal, IsoDate, IsoMonth, LogPosition, Nullable, OneOf, PageOf, Shape, Timestamp, Type } from '../../libs/http/contract/schema-types';
import { BudgetCategoryCode } from '../shared/shared-schemas';
import { THRESHOLD_KINDS } from './domain/steering.events';

/* The pieces: figures, the view a query was answered through, the procedure and the settlement. */

const Percent = (description: string) => Type.String({ pattern: Decimal.pattern, description, example: '81.08' });
const ThresholdKindCode = OneOf(THRESHOLD_KINDS, { description: 'Schwelle nach R7: warning (100 %), procedure (105 %), renegotiation (110 %)' });
const SupplementaryKind = OneOf(['ueberplanmaessig', 'ausserplanmaessig'] as const, { description: 'Über- oder außerplanmäßige Aufwendung (R9)' });
const OutOfBudgetReason = OneOf(['excluded-legal-basis', 'high-cost', 'other'] as const, {
  description: 'Warum das Geld neben dem Budget steht (R1): ausgenommene Rechtsgrundlage, Hochkostenfall',
});
const OutOfBudgetReasonOrNull = Nullable(OutOfBudgetReason);
const RevenueKind = OneOf(['kostenbeitrag', 'kostenerstattung', 'rueckforderung'] as const, { description: 'Art des Ertrags (R2)' });
const Source = OneOf(['event-log', 'read-model'] as const, {
  description: 'Woraus geantwortet wurde: aus dem Lesemodell (heutiger Stand) oder aus dem Ereignisprotokoll (asOf, knownAt, knownAtPosition)',
});

/** The time axes a query was answered through (null where not asked for). */
const ViewShape = Shape(
  {
    asOf: Nullable(IsoDate),
    knownAt: Nullable(Timestamp),
    knownAtPosition: Nullable(LogPosition),
  },
  { description: 'Die Sicht der Abfrage: Stichtag (asOf), Erfassungszeitpunkt (knownAt) oder Protokollposition (knownAtPosition)' },
);

const Participant = Shape({ organisationId: Type.String(), role: Type.String() });

const Decision = Shape({
  body: Type.String({ description: 'Das Organ, das entschieden hat' }),
  approved: Type.Boolean(),
  decisionReference: Type.String(),
  decidedOn: IsoDate,
});

const SupplementaryRequestDue = Shape(
  {
    forecastExcess: Amount,
    requested: Amount,
    approved: Amount,
    outstanding: Amount,
    due: Type.Boolean(),
  },
  {
    description:
      'R7: ob ein Antrag auf über- oder außerplanmäßige Aufwendungen für die Überschreitung der Hochrechnung über B noch fällig ist; requested zählt alle nicht abgelehnten Anträge, outstanding = forecastExcess − requested (nie negativ)',
  },
);

const kaemmereiReportFields = {
  procedureId: Type.String(),
  sozialraumId: Type.String(),
  fiscalYear: Type.Integer(),
  openedOn: IsoDate,
  crossingWithdrawnOn: Nullable(IsoDate),
  budget: Amount,
  forecast: Amount,
  forecastPctOfBudget: Percent('Hochrechnung in % von B'),
  forecastExcess: Amount,
  actual: Amount,
  crossings: Type.Array(Shape({ kind: ThresholdKindCode, thresholdPct: Percent('Schwelle in % von B'), crossedOn: IsoDate })),
  meetingDueBy: IsoDate,
  meetings: Type.Array(Shape({ heldOn: IsoDate, participants: Type.Array(Participant), measures: Type.Array(Type.String()) })),
  supplementaryRequests: Type.Array(
    Shape({
      requestId: Type.String(),
      kind: SupplementaryKind,
      amount: Amount,
      requestedOn: IsoDate,
      justification: Type.String(),
      coverSource: Type.String(),
      competentBody: Type.String(),
      decision: Nullable(Decision),
    }),
  ),
  supplementaryRequestDue: SupplementaryRequestDue,
  previousReports: Type.Array(Shape({ reportNo: Type.Integer(), reportedOn: IsoDate, reference: Type.String() })),
};

const KaemmereiReportContent = Shape(kaemmereiReportFields, { description: 'Der Bericht des Überschreitungsverfahrens an die Kämmerei (R7)' });

const KaemmereiSending = Shape({
  reportNo: Type.Integer({ description: '1 für die erste Sendung, dann fortlaufend' }),
  reportedOn: IsoDate,
  reference: Type.String(),
  report: KaemmereiReportContent,
  logPosition: LogPosition,
});

const SupplementaryRequestFields = {
  procedureId: Type.String(),
  requestId: Type.String(),
  kind: SupplementaryKind,
  amount: Amount,
  justification: Type.String(),
  coverSource: Type.String(),
  competentBody: Type.String({
    description: 'Das nach den Wertgrenzen des Vertrags zuständige Organ (R9): Oberbürgermeister, Hauptausschuss oder Bürgerschaft',
  }),
};

const SteeringMeetingFields = {
  procedureId: Type.String(),
  heldOn: IsoDate,
  participants: Type.Array(Participant),
  measures: Type.Array(Type.String()),
};

const procedureFields = {
  procedureId: Type.String(),
  openedOn: IsoDate,
  meetingDueBy: IsoDate,
  crossingWithdrawnOn: Nullable(IsoDate),
  meetings: Type.Array(Shape({ ...SteeringMeetingFields, recordedOn: IsoDate })),
  requests: Type.Array(Shape({ ...SupplementaryRequestFields, requestedOn: IsoDate, decision: Nullable(Decision) })),
  kaemmereiReports: Type.Array(KaemmereiSending),
  closed: Nullable(Shape({ outcome: Type.String(), closedOn: IsoDate })),
};

const Procedure = Shape(procedureFields, {
  description: 'Das Überschreitungsverfahren (R7, R9): Steuerungsrunden, Anträge, Berichte an die Kämmerei, Abschluss',
});

const SettlementFigures = Shape(
  {
    outcome: OneOf(['none', 'overrun', 'underrun'] as const, { description: 'Ergebnis nach R10: keine Abrechnung, Überschreitung, Unterschreitung' }),
    budget: Amount,
    flexibleBudget: Amount,
    actual: Amount,
    deviation: Amount,
    corridor: Amount,
    excess: Nullable(Amount),
    savings: Nullable(Amount),
    providerShare: Amount,
    providerShareCap: Nullable(Amount),
    jugendamtShare: Nullable(Amount),
    carryForward: Amount,
    carryForwardCap: Nullable(Amount),
    returnedToMunicipalBudget: Nullable(Amount),
  },
  {
    description:
      'Die Jahresabrechnung nach R10 mit jedem Zwischenwert: B (budget), flexibles Budget (FÜ + FU), Ist I (actual), D = I − B (deviation), Korridor K, E oder S, Anteil, Deckel und Ergebnis',
  },
);

const EvaluatedIndicator = Shape({
  indicatorKey: Type.String(),
  name: Type.String(),
  unit: Type.String({ description: 'percent, count, euro, per-1000 oder months' }),
  direction: OneOf(['higher-is-better', 'lower-is-better'] as const),
  baseline: Decimal,
  target: Decimal,
  weight: Decimal,
  actual: Nullable(Type.String({ description: 'Gemessener Jahreswert, exakt (bis 10 Nachkommastellen)' })),
  actualRounded: Nullable(Decimal),
  achievementRaw: Nullable(Type.String({ description: '(Ist − Ausgangswert) / (Ziel − Ausgangswert), exakt, vor der Begrenzung' })),
  achievement: Type.String({ description: 'Zielerreichung, auf 0…1 begrenzt, exakt' }),
  achievementPct: Decimal,
  weighted: Type.String({ description: 'Gewicht × Zielerreichung, exakt' }),
});

export const PerformanceEvaluationSchema = named(
  'PerformanceEvaluation',
  Shape({
    agreementId: Type.String(),
    agreementVersion: Type.Integer(),
    indicators: Type.Array(EvaluatedIndicator),
    weightTotal: Decimal,
    score: Type.String({ description: 'Gewichtetes Mittel der Zielerreichungen, exakt' }),
    scorePct: Decimal,
    minimumScorePct: Decimal,
    poolBasis: Type.String({ description: 'Wie der Prämientopf bestimmt ist' }),
    pool: Amount,
    bonus: Amount,
    bonusFromReturn: Amount,
    bonusIncrease: Amount,
    returnedToMunicipalBudget: Nullable(Amount),
    nextYearFuChange: Amount,
  }),
  'Die Bewertung der Leistungen nach R12 mit jedem Zwischenwert: Zielerreichung je Indikator, Punktzahl, Prämie und wie sie mit der Jahresabrechnung angewendet wird (bei Unterschreitung aus dem Anteil, der an den Haushalt zurückgeht)',
);

const settlementCalculatedFields = {
  settlementId: Type.String(),
  sozialraumId: Type.String(),
  fiscalYear: Type.Integer(),
  figures: SettlementFigures,
  leadProviderId: Nullable(Type.String()),
  logPosition: LogPosition,
  evaluation: Type.Optional(Nullable(PerformanceEvaluationSchema)),
};

const SettlementParty = OneOf(['jugendamt', 'lead-provider'] as const, { description: 'Wer bestätigt: das Jugendamt oder der federführende Träger' });

const RecordedSettlement = Shape(
  {
    ...settlementCalculatedFields,
    calculatedOn: IsoDate,
    confirmations: Type.Array(Shape({ party: SettlementParty, organisationId: Type.String(), on: IsoDate })),
    applied: Type.Boolean(),
  },
  { description: 'Die berechnete Jahresabrechnung mit ihren Bestätigungen und ob sie auf das Folgejahr angewendet ist' },
);

const crossingShape = Shape({ businessDate: IsoDate, causeEventId: Type.String() });
const withdrawnShape = Shape({ businessDate: IsoDate });

const MonitoringFigures = Shape({ ansatz: Amount, bindungen: Amount, anordnungen: Amount, ist: Amount, rest: Amount });
const monitoringListFields = {
  sozialraumId: Type.String(),
  fiscalYear: Type.Integer(),
  rows: Type.Array(Shape({ category: BudgetCategoryCode, ansatz: Amount, bindungen: Amount, anordnungen: Amount, ist: Amount, rest: Amount })),
  total: MonitoringFigures,
};
const FrozenMonitoringList = Shape(monitoringListFields, {
  description: 'Die Haushaltsüberwachungsliste zum Monatsende, wie sie beim Abschluss bekannt war',
});

const MonthFigures = Shape({ month: IsoMonth, committed: Amount, actual: Amount, forecast: Amount });

/* The answers. */

export const SteeringOverview = named(
  'SteeringOverview',
  Shape({
    sozialraumId: Type.String(),
    fiscalYear: Type.Integer(),
    version: Type.Integer({ description: 'Fassung des Steuerungsstroms (für If-Match der Bestätigung)' }),
    view: ViewShape,
    crossings: Shape(
      { warning: Type.Optional(crossingShape), procedure: Type.Optional(crossingShape), renegotiation: Type.Optional(crossingShape) },
      { description: 'Die stehenden Schwellenüberschreitungen (R7) mit Geschäftsdatum und auslösendem Ereignis' },
    ),
    withdrawnCrossings: Shape(
      { warning: Type.Optional(withdrawnShape), procedure: Type.Optional(withdrawnShape), renegotiation: Type.Optional(withdrawnShape) },
      { description: 'Überschreitungen, die spätere Korrekturen zurückgenommen haben' },
    ),
    closedMonths: Type.Array(IsoMonth),
    underrunDetectedOn: Nullable(IsoDate),
    procedure: Nullable(
      Shape({
        ...procedureFields,
        meetingOverdue: Type.Boolean({ description: 'Die Steuerungsrunde ist überfällig (14 Tage nach Eröffnung)' }),
        kaemmereiReportOutstanding: Type.Boolean({ description: 'Der Bericht an die Kämmerei steht noch aus' }),
        supplementaryRequestDue: SupplementaryRequestDue,
      }),
    ),
    settlement: Nullable(RecordedSettlement),
  }),
  'Der Steuerungsstand eines Sozialraum-Jahres: Schwellen, Überschreitungsverfahren, abgeschlossene Monate, Unterschreitung, Jahresabrechnung',
);

export const Utilisation = named(
  'Utilisation',
  Shape({
    sozialraumId: Type.String(),
    fiscalYear: Type.Integer(),
    budget: Amount,
    planned: Amount,
    committed: Amount,
    actual: Amount,
    forecast: Amount,
    available: Amount,
    forecastPctOfBudget: Percent('Hochrechnung in % von B'),
    categories: Type.Array(
      Shape({
        category: BudgetCategoryCode,
        planned: Amount,
        committed: Amount,
        actual: Amount,
        forecast: Amount,
        available: Amount,
        months: Type.Array(MonthFigures),
      }),
    ),
    monthlyActual: Type.Array(Shape({ month: IsoMonth, FS: Amount, FUE: Amount, FU: Amount, total: Amount })),
    providers: Type.Array(Shape({ providerId: Type.String(), category: BudgetCategoryCode, committed: Amount, actual: Amount, forecast: Amount })),
    outOfBudget: Type.Array(Shape({ reason: OutOfBudgetReason, forecast: Amount, actual: Amount })),
    revenue: Type.Array(Shape({ kind: RevenueKind, amount: Amount })),
    source: Source,
    view: ViewShape,
  }),
  'Die Auslastung eines Sozialraum-Jahres: Ansatz, offene Bindungen, Ist, Hochrechnung und Verfügbares je Kategorie und Monat, je Träger; Geld neben dem Budget und Erträge getrennt',
);

export const MonitoringList = named(
  'MonitoringList',
  Shape({ ...monitoringListFields, source: Source, view: ViewShape }),
  'Die Haushaltsüberwachungsliste: Ansatz, Bindungen, Anordnungen, Ist und Rest je Kategorie und gesamt',
);

export const ForecastTimeline = named(
  'ForecastTimeline',
  Shape({
    sozialraumId: Type.String(),
    fiscalYear: Type.Integer(),
    view: ViewShape,
    source: Source,
    entries: Type.Array(
      Shape({
        businessDate: IsoDate,
        eventId: Type.String(),
        type: Type.String({ description: 'Art des Ereignisses, das die Hochrechnung oder B ändert' }),
        position: LogPosition,
        cause: Nullable(
          Shape({
            kind: Type.String({ description: 'approval, subsidy, flexible-item oder budget' }),
            id: Type.String(),
            caseRef: Type.Optional(Type.String()),
            label: Type.Optional(Type.String()),
            reason: Type.Optional(Type.String()),
          }),
        ),
        delta: Amount,
        forecast: Amount,
        budget: Amount,
        pctOfBudget: Percent('Hochrechnung in % von B nach der Änderung'),
      }),
    ),
  }),
  'Jede Änderung der Hochrechnung (und von B) nach Geschäftsdatum, mit Ursache und laufendem Anteil an B',
);

export const SettlementView = named(
  'SettlementView',
  Shape({
    sozialraumId: Type.String(),
    fiscalYear: Type.Integer(),
    version: Type.Integer({ description: 'Fassung des Steuerungsstroms (für If-Match der Bestätigung)' }),
    recorded: Nullable(RecordedSettlement),
    preview: SettlementFigures,
  }),
  'Die Jahresabrechnung (R10), wie gebucht, und eine Vorschau aus den Zahlen der Sicht',
);

export const SettlementAnswer = named(
  'SettlementAnswer',
  Shape({ version: Type.Integer({ description: 'Fassung des Steuerungsstroms' }), settlement: RecordedSettlement }),
  'Die Jahresabrechnung nach der Buchung',
);

export const PendingWork = named(
  'PendingWork',
  Shape({
    sozialraumId: Type.String(),
    fiscalYear: Type.Integer(),
    version: Type.Integer({ description: 'Fassung des Budgetstroms (für If-Match des Jahresabschlusses)' }),
    items: Type.Array(
      Shape({
        kind: Type.String({ description: 'invoice, activity oder instalment' }),
        id: Type.String(),
        description: Type.String(),
        since: Type.Optional(IsoDate),
      }),
    ),
  }),
  'Die Arbeit des Jahres, die den Jahresabschluss blockiert',
);

const monthCloseFields = {
  month: IsoMonth,
  monthEnd: Nullable(IsoDate),
  closedAt: Timestamp,
  closedBy: Nullable(Type.String()),
  forecast: Amount,
  budget: Amount,
  pctOfBudget: Percent('Hochrechnung in % von B zum Monatsende'),
  logPosition: LogPosition,
};

export const MonthCloseList = named(
  'MonthCloseList',
  Shape({ sozialraumId: Type.String(), fiscalYear: Type.Integer(), items: Type.Array(Shape(monthCloseFields)) }),
  'Die abgeschlossenen Monate mit den beim Abschluss festgehaltenen Zahlen',
);

export const MonthCloseView = named(
  'MonthCloseView',
  Shape({ sozialraumId: Type.String(), fiscalYear: Type.Integer(), ...monthCloseFields, monitoringList: FrozenMonitoringList }),
  'Ein abgeschlossener Monat mit der beim Abschluss eingefrorenen Haushaltsüberwachungsliste',
);

const monthClosedData = Shape({
  sozialraumId: Type.String(),
  fiscalYear: Type.Integer(),
  month: IsoMonth,
  monitoringList: FrozenMonitoringList,
  forecast: Amount,
  budget: Amount,
  pctOfBudget: Percent('Hochrechnung in % von B'),
  logPosition: LogPosition,
});

const underrunData = Shape({
  sozialraumId: Type.String(),
  fiscalYear: Type.Integer(),
  month: IsoMonth,
  forecast: Amount,
  budget: Amount,
  underrunLine: Amount,
  pctOfBudget: Percent('Hochrechnung in % von B'),
});

export const MonthCloseAnswer = named(
  'MonthCloseAnswer',
  Shape({
    sozialraumId: Type.String(),
    fiscalYear: Type.Integer(),
    month: IsoMonth,
    version: Type.Integer({ description: 'Fassung des Steuerungsstroms' }),
    events: Type.Array(
      Type.Union([
        Shape({ type: OneOf(['MonthClosed'] as const), data: monthClosedData, businessDate: IsoDate }),
        Shape({ type: OneOf(['UnderrunDetected'] as const), data: underrunData, businessDate: IsoDate }),
      ]),
    ),
  }),
  'Der Monatsabschluss: die gebuchten Ereignisse (MonthClosed, gegebenenfalls UnderrunDetected)',
);

export const YearCloseAnswer = named(
  'YearCloseAnswer',
  Shape({
    sozialraumId: Type.String(),
    fiscalYear: Type.Integer(),
    version: Type.Integer({ description: 'Fassung des Budgetstroms' }),
    status: OneOf(['none', 'planned', 'open', 'closed'] as const, { description: 'Stand des Budgets' }),
  }),
  'Der Jahresabschluss: der Stand des Budgets danach',
);

export const ProcedureAnswer = named(
  'ProcedureAnswer',
  Shape({ version: Type.Integer({ description: 'Fassung des Steuerungsstroms' }), procedure: Procedure }),
  'Das Überschreitungsverfahren nach der Buchung',
);

export const SupplementaryRequestAnswer = named(
  'SupplementaryRequestAnswer',
  Shape({ requestId: Type.String(), version: Type.Integer({ description: 'Fassung des Steuerungsstroms' }), procedure: Procedure }),
  'Der gestellte Antrag (requestId) und das Überschreitungsverfahren danach',
);

export const KaemmereiReport = named(
  'KaemmereiReport',
  Shape({ ...kaemmereiReportFields, version: Type.Integer({ description: 'Fassung des Steuerungsstroms' }), source: Source, view: ViewShape }),
  'Der Bericht des Überschreitungsverfahrens an die Kämmerei (R7) aus den Zahlen der Sicht',
);

/* Notifications: the steering events people are told of, each with its data. */

const crossingDataFields = {
  sozialraumId: Type.String(),
  fiscalYear: Type.Integer(),
  kind: ThresholdKindCode,
  thresholdPct: Percent('Schwelle in % von B'),
  forecast: Amount,
  budget: Amount,
  pctOfBudget: Percent('Hochrechnung in % von B'),
  causeEventId: Type.String(),
  meetingDueBy: Type.Optional(IsoDate),
};

const NOTIFICATION_DATA = {
  BudgetWarningRaised: Shape(crossingDataFields),
  OverrunProcedureOpened: Shape({ ...crossingDataFields, procedureId: Type.String() }),
  RenegotiationTriggered: Shape(crossingDataFields),
  ThresholdCrossingMoved: Shape({
    kind: ThresholdKindCode,
    previousDate: Nullable(IsoDate),
    newDate: Nullable(IsoDate),
    causeEventId: Nullable(Type.String()),
    explanation: Type.String(),
  }),
  UnderrunDetected: underrunData,
  KaemmereiReported: Shape({ procedureId: Type.String(), ...KaemmereiSending.properties }),
  SupplementaryExpenditureRequested: Shape(SupplementaryRequestFields),
  SupplementaryExpenditureDecided: Shape({
    procedureId: Type.String(),
    requestId: Type.String(),
    body: Type.String(),
    approved: Type.Boolean(),
    decisionReference: Type.String(),
    note: Nullable(Type.String()),
  }),
  SettlementCalculated: Shape(settlementCalculatedFields),
  SettlementConfirmed: Shape({ settlementId: Type.String(), party: SettlementParty, organisationId: Type.String() }),
  SettlementApplied: Shape({
    settlementId: Type.String(),
    toFiscalYear: Type.Integer(),
    kind: OneOf(['carry-forward', 'malus', 'none'] as const, { description: 'Übertrag, Malus oder nichts' }),
    amount: Amount,
    bonus: Type.Optional(Amount),
  }),
  ProcedureStepOverdue: Shape({
    reminderId: Type.String({ description: 'Gegenstand und Kalenderwoche: je Woche höchstens eine Erinnerung' }),
    procedureId: Type.String(),
    step: OneOf(['steering-meeting'] as const),
    dueBy: IsoDate,
    detail: Type.String(),
  }),
  FourEyesWorkPending: Shape({
    reminderId: Type.String(),
    olderThanDays: Type.Integer(),
    items: Type.Array(Shape({ id: Type.String(), description: Type.String(), since: IsoDate })),
    detail: Type.String(),
  }),
  SettlementConfirmationDue: Shape({
    reminderId: Type.String(),
    settlementId: Type.String(),
    calculatedOn: IsoDate,
    missing: Type.Array(SettlementParty),
    detail: Type.String(),
  }),
};

function notificationOf<const T extends keyof typeof NOTIFICATION_DATA>(type: T) {
  return Shape({
    eventId: Type.String(),
    position: { ...LogPosition, description: 'Position des Ereignisses im Protokoll: bis hierhin setzt PUT /notifications/read-mark die Meldungen gelesen' },
    type: OneOf([type] as const),
    sozialraumId: Type.String(),
    fiscalYear: Type.Integer(),
    businessDate: IsoDate,
    recordedAt: Timestamp,
    summary: Type.String({ description: 'Die Zeile der Benachrichtigung in Worten der Steuerungsrunde' }),
    data: NOTIFICATION_DATA[type],
  });
}

export const NotificationItem = Type.Union([
  notificationOf('BudgetWarningRaised'),
  notificationOf('OverrunProcedureOpened'),
  notificationOf('RenegotiationTriggered'),
  notificationOf('ThresholdCrossingMoved'),
  notificationOf('UnderrunDetected'),
  notificationOf('KaemmereiReported'),
  notificationOf('SupplementaryExpenditureRequested'),
  notificationOf('SupplementaryExpenditureDecided'),
  notificationOf('SettlementCalculated'),
  notificationOf('SettlementConfirmed'),
  notificationOf('SettlementApplied'),
  notificationOf('ProcedureStepOverdue'),
  notificationOf('FourEyesWorkPending'),
  notificationOf('SettlementConfirmationDue'),
]);

export const NotificationPage = named(
  'NotificationPage',
  PageOf(NotificationItem),
  'Benachrichtigungen der Steuerung, neueste zuerst; data ist der Inhalt des Ereignisses der genannten Art (type)',
);

export const NotificationReadMark = named(
  'NotificationReadMark',
  Shape({
    readUpTo: Nullable({
      ...LogPosition,
      description: 'Bis zu dieser Protokollposition hat der Benutzer die Meldungen gelesen; null, solange er sie nie geöffnet hat',
    }),
    readAt: Nullable({ ...Timestamp, description: 'Wann die Marke zuletzt gesetzt wurde' }),
  }),
  'Bis wohin der angemeldete Benutzer die Meldungen gelesen hat',
);

export const UnreadNotifications = named(
  'UnreadNotifications',
  Shape({
    readUpTo: NotificationReadMark.properties.readUpTo,
    readAt: NotificationReadMark.properties.readAt,
    unread: Type.Integer({ description: 'Ungelesene Meldungen insgesamt (im gewählten Haushaltsjahr)', example: 3 }),
    items: Type.Array(
      Shape({
        sozialraumId: Type.String(),
        fiscalYear: Type.Integer(),
        unread: Type.Integer({ description: 'Meldungen, die nach der Lesemarke gebucht wurden', example: 2 }),
      }),
    ),
  }),
  'Ungelesene Meldungen des angemeldeten Benutzers je Sozialraum und Haushaltsjahr: gebucht nach seiner Lesemarke',
);

export const ProviderFigures = named(
  'ProviderFigures',
  Shape({
    providerId: Type.String(),
    fiscalYear: Type.Integer(),
    actual: Amount,
    forecast: Amount,
    lines: Type.Array(
      Shape({
        sozialraumId: Type.String(),
        inBudget: Type.Boolean(),
        outOfBudgetReason: OutOfBudgetReasonOrNull,
        category: BudgetCategoryCode,
        committed: Amount,
        actual: Amount,
        forecast: Amount,
        months: Type.Array(MonthFigures),
      }),
    ),
  }),
  'Die eigenen Zahlen eines Trägers in einem Jahr: gebunden, Ist und Hochrechnung je Sozialraum und Kategorie, je Leistungsmonat',
);
