import { named } from '../../libs/http/contract/named-schemas';
import { Amount, IsoDate, Nullable, OneOf, Shape, Type } from '../../libs/http/contract/schema-types';

const Category = OneOf(['FS', 'FUE', 'FU'] as const);

const Configuration = Shape({
  effectiveFrom: IsoDate,
  produkt: Type.String(),
  accounts: Type.Array(Shape({ category: Category, legalBasis: Nullable(Type.String()), sachkonto: Type.String() })),
  creditors: Type.Array(Shape({ providerId: Type.String(), creditorNumber: Type.String() })),
  reason: Type.String(),
});

export const FinanzverfahrenConfiguration = named(
  'FinanzverfahrenConfiguration',
  Shape({
    version: Type.Integer({ description: 'Fassung des Datenstroms zum Finanzverfahren' }),
    versions: Type.Array(Configuration, { description: 'Jede Fassung der Zuordnung, nach Gültigkeitsbeginn' }),
  }),
  'Die Zuordnung zum Finanzverfahren je Fassung: Produkt, Sachkonten je Kategorie und Rechtsgrundlage, Kreditorennummern der Träger',
);

const Reference = Type.Union([
  Shape({ caseRef: Type.String(), invoiceId: Type.String() }),
  Shape({ subsidyId: Type.String(), instalmentId: Type.String(), purpose: Type.String() }),
]);

const BatchLine = Shape({
  anordnungsnummer: Type.String({ description: 'Die Nummer, die das Finanzverfahren in seiner Rückmeldung nennt' }),
  orderId: Type.String(),
  kind: OneOf(['invoice', 'reversal', 'instalment'] as const, { description: 'Rechnung, Absetzung (Storno) oder Rate einer Zuwendung' }),
  payee: Shape({ providerId: Type.String(), name: Type.String(), creditorNumber: Type.String() }),
  amount: Amount,
  dueDate: IsoDate,
  produkt: Type.String(),
  sachkonto: Type.String(),
  kostenstelle: Type.String({ description: 'Der Sozialraum' }),
  haushaltsjahr: Type.Integer(),
  reference: Reference,
  purpose: Type.String({ description: 'Verwendungszweck' }),
});

export const PaymentBatch = named(
  'PaymentBatch',
  Shape({
    batchId: Type.String(),
    createdOn: IsoDate,
    lines: Type.Array(BatchLine),
    total: Amount,
    version: Type.Optional(Type.Integer()),
  }),
  'Eine Anordnungsdatei für das Finanzverfahren: jede Anordnung einzeln, mit Zahlungsempfänger und Kreditorennummer, Betrag, Fälligkeit, Produkt, Sachkonto, Kostenstelle, Haushaltsjahr und Bezug auf Fall oder Zuwendung',
);

export const PaymentBatchList = named(
  'PaymentBatchList',
  Shape({
    items: Type.Array(Shape({ batchId: Type.String(), createdOn: IsoDate, lines: Type.Integer(), total: Amount })),
    unbatched: Type.Integer({ description: 'Angeordnete Zahlungen, die noch in keiner Anordnungsdatei stehen' }),
  }),
  'Die Anordnungsdateien, älteste zuerst',
);

const Payment = Shape({ line: Type.Integer(), anordnungsnummer: Type.String(), paidOn: IsoDate, documentNumber: Type.String(), amount: Amount });
const Discrepancy = Shape({
  line: Type.Integer(),
  anordnungsnummer: Type.String(),
  paidOn: IsoDate,
  documentNumber: Type.String(),
  amount: Amount,
  kind: OneOf(['unknown-order', 'paid-twice', 'amount-differs'] as const),
  detail: Type.String(),
});

export const FeedbackImport = named(
  'FeedbackImport',
  Shape({ importId: Type.String(), payments: Type.Array(Payment), discrepancies: Type.Array(Discrepancy) }),
  'Die eingelesene Rückmeldung des Finanzverfahrens: die gebuchten Zahlungen und was nicht passt (unbekannte Anordnungsnummer, doppelt bezahlt, anderer Betrag)',
);

export const PaymentReconciliation = named(
  'PaymentReconciliation',
  Shape({
    lines: Type.Array(
      Shape({
        anordnungsnummer: Type.String(),
        batchId: Type.String(),
        orderId: Type.String(),
        providerId: Type.String(),
        amount: Amount,
        dueDate: IsoDate,
        status: OneOf(['exported', 'paid'] as const),
        paidOn: Nullable(IsoDate),
        documentNumber: Nullable(Type.String()),
      }),
    ),
    discrepancies: Type.Array(Shape({ importId: Type.String(), importedOn: IsoDate, discrepancy: Discrepancy })),
  }),
  'Der Abgleich: jede ausgegebene Anordnung mit ihrem Stand (ausgegeben oder bezahlt, mit Datum und Beleg) und jede Abweichung der Rückmeldungen',
);
