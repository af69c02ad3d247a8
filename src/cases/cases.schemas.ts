import { named } from '../../libs/http/contract/named-schemas';
import { Amount, Decimal, IsoDate, IsoMonth, Nullable, OneOf, PageOf, Shape, Timestamp, Type } from '../../libs/http/contract/schema-types';
import { LegalBasisCode, RateTypeCode, SettingCode } from '../shared/shared-schemas';
import { TERMINATION_REASONS, VERIFICATION_STEPS } from './domain/case.events';
import { INVOICE_STATUSES } from './queries/case-list.dtos';

const CLASSIFICATION_REASONS = ['in-budget', 'excluded-legal-basis', 'high-cost'] as const;
const APPROVAL_STATUSES = ['running', 'terminated'] as const;

const InvoiceStatus = OneOf(INVOICE_STATUSES, {
  description: 'Stand der Rechnung: wartet auf die sachliche, die rechnerische Prüfung oder die Zahlungsanordnung; bezahlt, zurückgewiesen, storniert',
});
const ApprovalStatus = OneOf(APPROVAL_STATUSES, { description: 'laufend oder beendet' });
const Period = Shape({ start: IsoDate, end: Nullable(IsoDate) }, { description: 'Bewilligungszeitraum; end null bei einer unbefristeten Bewilligung' });

const RateSegment = Shape(
  {
    from: IsoDate,
    providerId: Type.String({ description: 'Leistungserbringender Träger' }),
    rate: Type.String({ ...Amount, description: 'Entgelt je Monat, Fachleistungsstunde oder Tag (EUR)' }),
    hoursPerMonth: Nullable(Type.String({ ...Decimal, description: 'Fachleistungsstunden je Monat; null bei anderen Entgeltarten' })),
    agreementId: Nullable(Type.String({ description: 'Entgeltvereinbarung, der das Entgelt folgt; null bei einem abweichenden Entgelt' })),
    rateReason: Nullable(Type.String({ description: 'Begründung eines abweichenden Entgelts' })),
  },
  { description: 'Umfang der Bewilligung ab einem Tag: Träger, Entgelt, Stunden' },
);

const Classification = Shape(
  {
    inBudget: Type.Boolean({ description: 'R1: zählt zum Sozialraumbudget' }),
    reason: OneOf(CLASSIFICATION_REASONS, { description: 'R1: im Budget, Rechtsgrundlage ausgenommen oder Hochkostenfall' }),
    explanation: Type.String({ description: 'Erläuterung mit den Zahlen, die entschieden haben' }),
    contractVersion: Nullable(Type.Integer({ description: 'Fassung des Budgetvertrags am Bescheiddatum; null, wenn keine galt' })),
  },
  { description: 'R1: Zuordnung der Bewilligung, entschieden nach dem Budgetvertrag am Bescheiddatum' },
);

const Termination = Shape({
  reason: OneOf(TERMINATION_REASONS, { description: 'planmäßig, Abbruch oder Zuständigkeitswechsel' }),
  effectiveEnd: IsoDate,
  note: Nullable(Type.String()),
});

const YearFigures = Shape(
  {
    fiscalYear: Type.Integer(),
    committed: Type.String({ ...Amount, description: 'R5: Mittelbindung (Obligo) des Haushaltsjahres' }),
    invoiced: Type.String({ ...Amount, description: 'Abgerechnet (ohne zurückgewiesene und stornierte Rechnungen)' }),
    actual: Type.String({ ...Amount, description: 'Ist: angeordnete Zahlungen' }),
    openCommitment: Type.String({ ...Amount, description: 'Offene Mittelbindung: Bindung − Ist' }),
    revenue: Type.Optional(Type.String({ ...Amount, description: 'R2: Erträge aus Kostenbeiträgen und Kostenerstattungen; fehlt für Träger' })),
  },
  { description: 'Zahlen der Bewilligung in einem Haushaltsjahr bis zum laufenden' },
);

const Vorbelastung = Shape({ fiscalYear: Type.Integer(), committed: Amount }, { description: 'R5: Bindung eines späteren Haushaltsjahres (Vorbelastung)' });

const Verification = Shape({
  step: OneOf(VERIFICATION_STEPS, { description: 'sachlich richtig oder rechnerisch richtig' }),
  verifiedBy: Type.String({ description: 'Prüfende Person' }),
  on: Nullable(IsoDate),
});

const Invoice = Shape({
  invoiceId: Type.String(),
  providerId: Type.String(),
  serviceMonth: IsoMonth,
  quantity: Nullable(Type.String({ ...Decimal, description: 'Erbrachte Stunden oder Tage; null bei einer Monatspauschale' })),
  amount: Amount,
  approvedAmount: { ...Amount, description: 'Was die Bewilligung dem Träger für den Leistungsmonat zugesteht (R3), neben dem abgerechneten Betrag' },
  invoiceNumber: Type.String(),
  leitwegId: Nullable(Type.String()),
  status: InvoiceStatus,
  verifications: Type.Array(Verification, { description: 'Prüfschritte, wie erfasst' }),
  rejectionReason: Nullable(Type.String()),
  reversalReason: Nullable(Type.String()),
});

const Kostenbeitrag = Shape({
  kostenbeitragId: Type.String(),
  monthlyAmount: Amount,
  from: IsoDate,
  to: Nullable(IsoDate),
});

const Kostenerstattung = Shape({
  claimId: Type.String(),
  debtorAuthority: Type.String({ description: 'Jugendamt, gegen das der Anspruch geltend gemacht wird' }),
  serviceMonth: IsoMonth,
  amount: Amount,
  reference: Type.String({ description: 'Aktenzeichen des Anspruchs' }),
});

const Approval = Shape({
  approvalId: Type.String(),
  legalBasis: LegalBasisCode,
  help: Type.String({ description: 'Bezeichnung der Hilfe (Paragraf und Name)' }),
  setting: Nullable(SettingCode),
  bescheidDate: IsoDate,
  period: Period,
  rateType: RateTypeCode,
  rates: Type.Array(RateSegment, { description: 'Umfang nach Datum (from); Träger sehen nur die eigenen Abschnitte' }),
  classification: Classification,
  termination: Nullable(Termination),
  status: ApprovalStatus,
  committedThrough: Type.Integer({ description: 'Letztes Haushaltsjahr, für das die Bindung gebucht ist' }),
  years: Type.Array(YearFigures, { description: 'Haushaltsjahre bis zum laufenden, aufsteigend' }),
  vorbelastungen: Type.Array(Vorbelastung, { description: 'Spätere Haushaltsjahre, aufsteigend' }),
  invoices: Type.Array(Invoice, { description: 'Rechnungen, wie eingereicht (R1, R2, …)' }),
  kostenbeitraege: Type.Optional(Type.Array(Kostenbeitrag, { description: 'Wie festgesetzt (KB1, KB2, …); fehlt für Träger' })),
  kostenerstattungen: Type.Optional(Type.Array(Kostenerstattung, { description: 'Wie geltend gemacht (KE1, KE2, …); fehlt für Träger' })),
});

const caseFields = {
  caseRef: Type.String({ description: 'Pseudonymes Fallzeichen' }),
  sozialraumId: Type.String({ description: 'Sozialraum des gewöhnlichen Aufenthalts' }),
  version: Type.Integer({ description: 'Fassung des Fall-Datenstroms (ETag)' }),
  approvals: Type.Array(Approval, { description: 'Bewilligungen, wie erfasst (B1, B2, …); Träger sehen nur die eigenen' }),
};

export const CaseView = named(
  'CaseView',
  Shape(caseFields),
  'Ein Fall mit seinen Bewilligungen: Zeitraum, Entgelt, Zuordnung (R1), je Haushaltsjahr Bindung, Abgerechnetes, Ist und offene Bindung, Vorbelastungen, Rechnungen und Erträge. Träger sehen nur ihre eigenen Bewilligungen, Rechnungen und Zahlen, keine Erträge.',
);

export const CaseViewWithApproval = named(
  'CaseViewWithApproval',
  Shape({ ...caseFields, approvalId: Type.String({ description: 'Die angelegte Bewilligung' }) }),
  'Der Fall nach der Bewilligung, mit der Kennung der angelegten Bewilligung',
);

export const CaseViewWithInvoice = named(
  'CaseViewWithInvoice',
  Shape({ ...caseFields, invoiceId: Type.String({ description: 'Die eingereichte Rechnung' }) }),
  'Der Fall nach der Einreichung, mit der Kennung der eingereichten Rechnung',
);

export const CaseViewWithKostenbeitrag = named(
  'CaseViewWithKostenbeitrag',
  Shape({ ...caseFields, kostenbeitragId: Type.String({ description: 'Der festgesetzte Kostenbeitrag' }) }),
  'Der Fall nach der Festsetzung, mit der Kennung des Kostenbeitrags',
);

export const CaseViewWithKostenerstattung = named(
  'CaseViewWithKostenerstattung',
  Shape({ ...caseFields, claimId: Type.String({ description: 'Der geltend gemachte Kostenerstattungsanspruch' }) }),
  'Der Fall nach der Geltendmachung, mit der Kennung des Kostenerstattungsanspruchs',
);

export const ApprovalPage = named(
  'ApprovalPage',
  PageOf(
    Shape({
      approvalId: Type.String(),
      caseRef: Type.String(),
      sozialraumId: Type.String(),
      legalBasis: LegalBasisCode,
      rateType: RateTypeCode,
      providerIds: Type.Array(Type.String(), { description: 'Träger der Bewilligung; Träger sehen nur sich selbst' }),
      period: Period,
      bescheidDate: IsoDate,
      inBudget: Type.Boolean({ description: 'R1: zählt zum Sozialraumbudget' }),
      status: ApprovalStatus,
    }),
  ),
  'Eine Seite Bewilligungen, nach approvalId',
);

export const InvoicePage = named(
  'InvoicePage',
  PageOf(
    Shape({
      invoiceId: Type.String(),
      caseRef: Type.String(),
      approvalId: Type.String(),
      sozialraumId: Type.String(),
      providerId: Type.String(),
      serviceMonth: IsoMonth,
      amount: Amount,
      invoiceNumber: Type.String(),
      status: InvoiceStatus,
      firstVerifier: Type.Optional(Nullable(Type.String({ description: 'Wer sachlich richtig gezeichnet hat; fehlt für Träger' }))),
      submittedAt: Timestamp,
    }),
  ),
  'Eine Seite Rechnungen, nach Zeitpunkt der Einreichung (submittedAt), dann invoiceId',
);

const InvoiceCeiling = Shape(
  {
    providerId: Type.String({ description: 'Leistungserbringender Träger' }),
    unit: Nullable(OneOf(['hours', 'days'] as const, { description: 'Fachleistungsstunden oder Anwesenheitstage; null bei einer Monatspauschale' })),
    approvedQuantity: Nullable(Type.String({ ...Decimal, description: 'Bewilligte Stunden oder Tage des Monats; null bei einer Monatspauschale' })),
    approvedAmount: Type.String({ ...Amount, description: 'Bewilligter Betrag des Monats: die Obergrenze der Rechnung (R4)' }),
    invoice: Nullable(
      Shape(
        { invoiceId: Type.String(), invoiceNumber: Type.String(), amount: Type.String(Amount), status: InvoiceStatus },
        { description: 'Die Rechnung, mit der der Monat schon abgerechnet ist (nicht zurückgewiesen, nicht storniert); eine zweite wird abgelehnt' },
      ),
    ),
  },
  { description: 'Was ein Träger für den Leistungsmonat höchstens abrechnen kann' },
);

export const ApprovedMonth = named(
  'ApprovedMonth',
  Shape({
    caseRef: Type.String(),
    approvalId: Type.String(),
    serviceMonth: IsoMonth,
    rateType: RateTypeCode,
    ceilings: Type.Array(InvoiceCeiling, {
      description: 'Je Träger, wie bewilligt (R3); leer außerhalb des Bewilligungszeitraums. Träger sehen nur den eigenen',
    }),
  }),
  'Was eine Bewilligung in einem Leistungsmonat abzurechnen erlaubt: Stunden oder Tage und Betrag je Träger, und ob der Monat schon abgerechnet ist',
);
