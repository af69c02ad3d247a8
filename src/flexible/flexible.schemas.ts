import { named } from '../../libs/http/contract/named-schemas';
import { Amount, IsoDate, IsoMonth, Nullable, OneOf, PageOf, Shape, Type } from '../../libs/http/contract/schema-types';
import { FLEXIBLE_CATEGORY_CODES } from './domain/flexible.events';
import { ACTIVITY_STATUSES, SUBSIDY_STATUSES } from './queries/flexible-list.dtos';

const FlexibleCategoryCode = OneOf(FLEXIBLE_CATEGORY_CODES, { description: 'Kategorie der flexiblen Mittel: FUE fallübergreifend, FU fallunspezifisch' });
const SubsidyStatus = OneOf(SUBSIDY_STATUSES, { description: 'granted: bewilligt; reclaimed: zurückgefordert' });
const ActivityStatus = OneOf(ACTIVITY_STATUSES, {
  description: 'reported: gemeldet; approved: bewilligt; rejected: abgelehnt; settled: Ist-Betrag gemeldet und abgerechnet',
});
const InstalmentStatus = OneOf(['committed', 'paid', 'released'] as const, {
  description: 'committed: gebunden; paid: zur Zahlung angeordnet; released: durch Rückforderung freigegeben',
});
const BudgetStatusCode = OneOf(['planned', 'open', 'closed'] as const, {
  description: 'planned: zugewiesen, noch nicht freigegeben; open: freigegeben; closed: Haushaltsjahr abgeschlossen',
});

const UsageOfInstalment = Shape({
  reportId: Type.String({ description: 'Verwendungsnachweis, der die Rate zuletzt nachgewiesen hat (VN1, VN2, … je Zuwendung)', example: 'VN1' }),
  spent: Type.String({ ...Amount, description: 'Für den Zweck verwendet (EUR)' }),
  unused: Type.String({ ...Amount, description: 'Ausgezahlt, aber nicht verwendet: Grundlage einer Rückforderung (EUR)' }),
  description: Type.String(),
  reportedOn: IsoDate,
});

const Instalment = Shape({
  instalmentId: Type.String({ description: 'Rate R1, R2, … nach Fälligkeit', example: 'R1' }),
  dueDate: IsoDate,
  month: Type.String({ ...IsoMonth, description: 'Zahlungsmonat (R3): geplant der Monat der Fälligkeit, nach der Zahlungsanordnung deren Monat' }),
  amount: Amount,
  status: InstalmentStatus,
  paymentOrderedOn: Nullable(IsoDate),
  usage: Nullable(UsageOfInstalment),
});

const Reclaim = Shape({
  reason: Type.String(),
  reclaimedOn: IsoDate,
  released: Type.String({ ...Amount, description: 'Freigegebene, nicht ausgezahlte Raten (EUR)' }),
  claimed: Type.String({ ...Amount, description: 'Zurückgefordert: ausgezahlt, aber nicht verwendet (EUR)' }),
  received: Type.String({ ...Amount, description: 'Bereits zurückgezahlt (Einnahme, R2) (EUR)' }),
  outstanding: Type.String({ ...Amount, description: 'Noch offen (EUR)' }),
});

const subsidyFields = {
  subsidyId: Type.String({ example: 'ZUW-2025-1' }),
  sozialraumId: Type.String(),
  fiscalYear: Type.Integer(),
  providerId: Type.String(),
  category: FlexibleCategoryCode,
  purpose: Type.String(),
  bescheidDate: IsoDate,
  status: SubsidyStatus,
  total: Type.String({ ...Amount, description: 'Zuwendungssumme des Bescheids (EUR)' }),
  granted: Type.String({ ...Amount, description: 'Gebunden: die Summe abzüglich der durch Rückforderung freigegebenen Raten (EUR)' }),
  paid: Type.String({ ...Amount, description: 'Zur Zahlung angeordnet (EUR)' }),
  open: Type.String({ ...Amount, description: 'Gebunden, noch nicht gezahlt (EUR)' }),
  instalments: Type.Array(Instalment, { description: 'Raten nach Fälligkeit, wie bewilligt (R1, R2, …)' }),
  reclaim: Nullable(Reclaim),
};

/** The subsidy without the version: what the view function builds. */
export const SubsidyBody = Shape(subsidyFields);

export const SubsidyView = named(
  'SubsidyView',
  Shape({ ...subsidyFields, version: Type.Integer({ description: 'Fassung des Budgetstroms (ETag)' }) }),
  'Eine Zuwendung mit Ratenplan, Verwendungsnachweisen und Rückforderung; version ist die Fassung des Budgetstroms des Sozialraum-Jahres',
);

export const UsageReportAnswer = named(
  'UsageReportAnswer',
  Shape({
    ...subsidyFields,
    version: Type.Integer({ description: 'Fassung des Budgetstroms (ETag)' }),
    reportId: Type.String({ description: 'Der gebuchte Verwendungsnachweis (VN1, VN2, … je Zuwendung)', example: 'VN1' }),
  }),
  'Die Zuwendung nach dem Verwendungsnachweis, mit dessen Kennung reportId',
);

const activityFields = {
  activityId: Type.String({ example: 'AKT-2025-1' }),
  sozialraumId: Type.String(),
  fiscalYear: Type.Integer(),
  providerId: Type.String(),
  category: FlexibleCategoryCode,
  activityDate: IsoDate,
  month: Type.String({ ...IsoMonth, description: 'Monat der Aktivität: Monat der Bindung und der Ausgabe (R3)' }),
  description: Type.String(),
  evidenceReference: Nullable(Type.String()),
  status: ActivityStatus,
  requested: Type.String({ ...Amount, description: 'Gemeldete geplante Kosten (EUR)' }),
  reportedOn: IsoDate,
  approved: Nullable(Type.String({ ...Amount, description: 'Bewilligter Betrag (EUR)' })),
  decidedOn: Nullable(IsoDate),
  rejectionReason: Nullable(Type.String()),
  actual: Nullable(Type.String({ ...Amount, description: 'Gemeldeter Ist-Betrag (EUR)' })),
  released: Nullable(Type.String({ ...Amount, description: 'Mit der Ist-Meldung freigegebener Rest der Bewilligung (EUR)' })),
  actualReportedOn: Nullable(IsoDate),
};

/** The activity without the version: what the view function builds. */
export const ActivityBody = Shape(activityFields);

export const ActivityView = named(
  'ActivityView',
  Shape({ ...activityFields, version: Type.Integer({ description: 'Fassung des Budgetstroms (ETag)' }) }),
  'Eine von einem Träger gemeldete Aktivität mit Entscheidung und Ist-Betrag; version ist die Fassung des Budgetstroms des Sozialraum-Jahres',
);

export const FlexibleFiguresView = named(
  'FlexibleFiguresView',
  Shape({
    sozialraumId: Type.String(),
    fiscalYear: Type.Integer(),
    status: BudgetStatusCode,
    version: Type.Integer({ description: 'Fassung des Budgetstroms (ETag)' }),
    categories: Type.Array(
      Shape({
        category: FlexibleCategoryCode,
        name: Type.String(),
        planned: Type.String({ ...Amount, description: 'Geplant nach Nachträgen, Umschichtungen und angewendeten Abrechnungen (EUR)' }),
        granted: Type.String({ ...Amount, description: 'Gebunden (Hochrechnung): Zuwendungen und bewilligte Aktivitäten nach Freigaben (EUR)' }),
        paid: Type.String({ ...Amount, description: 'Ist-Ausgaben: Zahlungsanordnungen und gemeldete Ist-Beträge (EUR)' }),
        open: Type.String({ ...Amount, description: 'Gebunden, noch nicht gezahlt (EUR)' }),
        available: Type.String({ ...Amount, description: 'Geplant − gebunden: was eine neue Bindung noch nehmen kann (§ 74 SGB VIII) (EUR)' }),
        frozen: Type.Boolean({ description: 'Haushaltssperre (R8)' }),
      }),
      { description: 'FUE, FU' },
    ),
  }),
  'Die flexiblen Mittel eines Sozialraum-Jahres je Kategorie, unmittelbar aus dem Budgetstrom',
);

export const SubsidyListItem = Shape({
  subsidyId: Type.String(),
  sozialraumId: Type.String(),
  fiscalYear: Type.Integer(),
  providerId: Type.String(),
  category: FlexibleCategoryCode,
  purpose: Type.String(),
  bescheidDate: IsoDate,
  status: SubsidyStatus,
  instalments: Type.Integer({ description: 'Zahl der Raten' }),
  total: Amount,
  granted: Amount,
  paid: Amount,
  claimed: Type.String({ ...Amount, description: 'Zurückgefordert (EUR)' }),
  received: Type.String({ ...Amount, description: 'Aus der Rückforderung eingegangen (EUR)' }),
});

export const SubsidyPage = named(
  'SubsidyPage',
  PageOf(SubsidyListItem),
  'Zuwendungen, nach Haushaltsjahr, sozialraumId und der Nummer der Zuwendung, seitenweise',
);

export const ActivityListItem = Shape({
  activityId: Type.String(),
  sozialraumId: Type.String(),
  fiscalYear: Type.Integer(),
  providerId: Type.String(),
  category: FlexibleCategoryCode,
  activityDate: IsoDate,
  description: Type.String(),
  status: ActivityStatus,
  requested: Amount,
  approved: Nullable(Amount),
  actual: Nullable(Amount),
  reportedOn: IsoDate,
  decidedOn: Nullable(IsoDate),
});

export const ActivityPage = named(
  'ActivityPage',
  PageOf(ActivityListItem),
  'Von Trägern gemeldete Aktivitäten, nach Haushaltsjahr, sozialraumId und der Nummer der Aktivität, seitenweise',
);
