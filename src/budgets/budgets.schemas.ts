import { named } from '../../libs/http/contract/named-schemas';
import { Amount, Decimal, IsoDate, Nullable, OneOf, PageOf, Shape, TSchema, Timestamp, Type } from '../../libs/http/contract/schema-types';
import { BudgetCategoryCode, LegalBasisCode } from '../shared/shared-schemas';

const Percent = (description: string) => Type.String({ ...Decimal, description: `${description}, in Prozent` });

/** The rule book's parameters as agreed in a contract version (docs/steering.md). */
const ContractTerms = Shape({
  corridorPct: Percent('R10: Korridor um B, in dem nicht abgerechnet wird; R7: Unterschreitungslinie = 100 % − Korridor'),
  warningThresholdPct: Percent('R7: Warnschwelle der Hochrechnung auf B'),
  procedureThresholdPct: Percent('R7: Schwelle des Überschreitungsverfahrens'),
  renegotiationThresholdPct: Percent('R7: Schwelle der Nachverhandlung'),
  providerSharePct: Percent('R10: Anteil der Träger an der Überschreitung jenseits des Korridors (Malus)'),
  malusCapBasis: OneOf(['flexible-budget', 'total-budget'] as const, { description: 'R10: Bezugsgröße der Malus-Obergrenze: flexibles Budget oder B' }),
  malusCapPct: Percent('R10: Malus-Obergrenze'),
  carryForwardSharePct: Percent('R10: Anteil der Einsparung, der übertragen wird'),
  carryForwardCapPct: Percent('R10: Obergrenze des Übertrags auf B'),
  highCostDailyRateThreshold: Type.String({
    ...Amount,
    description: 'R1: Tagessatz, über dem eine Bewilligung ein Hochkostenfall außerhalb des Budgets ist (EUR)',
  }),
  excludedLegalBases: Type.Array(LegalBasisCode, { description: 'R1: Rechtsgrundlagen außerhalb des Budgets' }),
  underrunReviewMonth: Type.Integer({ minimum: 1, maximum: 12, description: 'R7: Monat, ab dessen Monatsabschluss die Unterschreitung geprüft wird' }),
  supplementaryApprovalLimits: Type.Array(
    Shape({
      body: Type.String({ description: 'Entscheidendes Gremium' }),
      upTo: Nullable(Type.String({ ...Amount, description: 'Wertgrenze (einschließlich) in EUR; null beim Gremium, das über alles darüber entscheidet' })),
    }),
    { description: 'R9: Wertgrenzen der Gremien für über- und außerplanmäßige Ausgaben, aufsteigend' },
  ),
});

const ContractVersion = Shape({
  sozialraumId: Type.String(),
  versionNumber: Type.Integer({ description: 'Laufende Nummer der Vertragsfassung (1, 2, …), in der Reihenfolge des Abschlusses' }),
  effectiveFrom: IsoDate,
  terms: ContractTerms,
  decisionReference: Nullable(Type.String({ description: 'Beschluss, auf dem die Fassung beruht' })),
  reason: Type.String(),
});

const ContractInForce = Shape(
  {
    versionNumber: Nullable(Type.Integer({ description: 'null, wenn an dem Tag keine Fassung gilt: dann gelten die Vorgaben des Regelwerks' })),
    effectiveFrom: Nullable(IsoDate),
    terms: ContractTerms,
  },
  { description: 'Die Vertragsfassung, die an dem Tag gilt' },
);

const contractFields = {
  sozialraumId: Type.String(),
  version: Type.Integer({ description: 'Fassung des Budgetvertrags-Datenstroms (ETag)' }),
  versions: Type.Array(ContractVersion, { description: 'Alle Fassungen, nach Wirksamkeitsdatum' }),
  inForce: ContractInForce,
};

export const BudgetContractView = named(
  'BudgetContractView',
  Shape(contractFields),
  'Der Budgetvertrag eines Sozialraums: alle Fassungen nach Wirksamkeitsdatum und die am Stichtag geltende',
);

export const ContractVersionAnswer = named(
  'ContractVersionAnswer',
  Shape({
    ...contractFields,
    versionNumber: Type.Integer({ description: 'Nummer der eben abgeschlossenen Fassung' }),
  }),
  'Der Budgetvertrag nach dem Abschluss einer Fassung; inForce ist die abgeschlossene Fassung an ihrem Wirksamkeitsdatum',
);

const BudgetStatusCode = OneOf(['planned', 'open', 'closed'] as const, {
  description: 'planned: zugewiesen, noch nicht freigegeben; open: in Bewirtschaftung; closed: Haushaltsjahr abgeschlossen',
});
const PartyCode = OneOf(['jugendamt', 'lead-provider'] as const, { description: 'Seite der geteilten Verantwortung: Jugendamt oder federführender Träger' });

const CategoryLine = Shape({
  category: BudgetCategoryCode,
  name: Type.String({ description: 'Name der Kategorie' }),
  initial: Type.String({ ...Amount, description: 'Bei der Zuweisung geplant (EUR)' }),
  planned: Type.String({ ...Amount, description: 'Geplant nach Nachträgen, Umschichtungen und Abrechnungen (EUR)' }),
  bound: Type.Optional(Type.String({ ...Amount, description: 'Nur flexible Mittel: gebunden oder ausgegeben (EUR)' })),
  available: Type.Optional(Type.String({ ...Amount, description: 'Nur flexible Mittel: geplant und nicht gebunden (EUR)' })),
  frozen: Type.Optional(Type.Boolean({ description: 'Nur flexible Mittel: gesperrt (R8)' })),
});

const OpenProposal = Shape({
  proposalId: Type.String({ example: 'UMS-2025-1' }),
  from: BudgetCategoryCode,
  to: BudgetCategoryCode,
  amount: Amount,
  reason: Type.String(),
  proposedBy: PartyCode,
  proposerOrganisationId: Type.String(),
  proposedOn: IsoDate,
});

const Actor = Shape({ userId: Type.String(), role: Type.String(), organisationId: Type.String() });
const CategoryAmounts = Shape({ FS: Amount, FUE: Amount, FU: Amount });

/** One entry of the planning history: who did what when and why, with the event's data as booked. */
function historyEntry<const T extends readonly string[], D extends TSchema>(types: T, data: D) {
  return Shape({ type: OneOf(types), businessDate: Nullable(IsoDate), recordedAt: Timestamp, actor: Actor, data });
}

const HistoryEntry = Type.Union(
  [
    historyEntry(
      ['BudgetAllocated'] as const,
      Shape({
        sozialraumId: Type.String(),
        fiscalYear: Type.Integer(),
        planned: CategoryAmounts,
        total: Amount,
        decisionReference: Nullable(Type.String()),
        reason: Type.String(),
      }),
    ),
    historyEntry(['BudgetOpened', 'BudgetClosed'] as const, Shape({ reason: Type.String() })),
    historyEntry(
      ['BudgetAmended'] as const,
      Shape({
        category: BudgetCategoryCode,
        previousAmount: Amount,
        newAmount: Amount,
        delta: Amount,
        reason: Type.String(),
        decisionReference: Type.String(),
      }),
    ),
    historyEntry(
      ['ReallocationProposed'] as const,
      Shape({
        proposalId: Type.String(),
        from: BudgetCategoryCode,
        to: BudgetCategoryCode,
        amount: Amount,
        reason: Type.String(),
        proposedBy: PartyCode,
        proposerOrganisationId: Type.String(),
      }),
    ),
    historyEntry(
      ['ReallocationAgreed'] as const,
      Shape({
        proposalId: Type.String(),
        from: BudgetCategoryCode,
        to: BudgetCategoryCode,
        amount: Amount,
        agreedBy: PartyCode,
        agreerOrganisationId: Type.String(),
      }),
    ),
    historyEntry(['ReallocationRejected', 'ReallocationWithdrawn'] as const, Shape({ proposalId: Type.String(), reason: Type.String(), by: PartyCode })),
    historyEntry(['BudgetFreezeImposed', 'BudgetFreezeLifted'] as const, Shape({ categories: Type.Array(BudgetCategoryCode), reason: Type.String() })),
    historyEntry(
      ['SavingsCarriedForward', 'MalusApplied', 'PerformanceBonusApplied'] as const,
      Shape({ settlementId: Type.String(), fromFiscalYear: Type.Integer(), category: BudgetCategoryCode, amount: Amount }),
    ),
  ],
  { description: 'Ein Eintrag der Planungsgeschichte: Ereignis, Geschäftsdatum, Buchungszeitpunkt, wer, und die gebuchten Daten' },
);

const overviewFields = {
  sozialraumId: Type.String(),
  fiscalYear: Type.Integer(),
  status: BudgetStatusCode,
  version: Type.Integer({ description: 'Fassung des Budget-Datenstroms (ETag)' }),
  total: Type.String({ ...Amount, description: 'B, die Summe der geplanten Beträge der drei Kategorien (EUR)' }),
  categories: Type.Array(CategoryLine, { description: 'Die Kategorien in der Reihenfolge FS, FUE, FU' }),
  contract: ContractInForce,
  openProposals: Type.Array(OpenProposal, { description: 'Offene Umschichtungsvorschläge, in der Reihenfolge ihres Eingangs' }),
  history: Type.Array(HistoryEntry, { description: 'Planungsereignisse in Buchungsreihenfolge' }),
};

export const BudgetOverview = named(
  'BudgetOverview',
  Shape(overviewFields),
  'Ein Sozialraumbudget eines Haushaltsjahres: Kategorien nach Nachträgen und Umschichtungen, geltender Budgetvertrag, offene Vorschläge, Geschichte',
);

export const ReallocationProposalAnswer = named(
  'ReallocationProposalAnswer',
  Shape({ proposalId: Type.String({ description: 'Nummer des eben gemachten Vorschlags', example: 'UMS-2025-1' }), ...overviewFields }),
  'Das Sozialraumbudget nach einem Umschichtungsvorschlag, mit dessen Nummer',
);

export const BudgetListItem = Shape({
  sozialraumId: Type.String(),
  fiscalYear: Type.Integer(),
  status: BudgetStatusCode,
  planned: CategoryAmounts,
  total: Amount,
  frozen: Shape({ FUE: Type.Boolean(), FU: Type.Boolean() }),
  openProposals: Type.Integer({ description: 'Zahl der offenen Umschichtungsvorschläge' }),
  version: Type.Integer(),
});

export const BudgetPage = named('BudgetPage', PageOf(BudgetListItem), 'Sozialraumbudgets, nach Haushaltsjahr und sozialraumId, seitenweise');
