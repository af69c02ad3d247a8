import { Decider, DomainEvent } from '../../../libs/ddd/decider';
import { refuse } from '../../../libs/ddd/domain-error';
import { Decimal, formatAmount } from '../../../libs/money';
import { text } from '../../../libs/text/text';
import { FINANZVERFAHREN_PROBLEMS } from '../finanzverfahren.problems';
import { FinanceConfiguration, checkConfiguration, configurationOn, creditorNumberOf, sachkontoFor } from './finance-configuration';
import { PaymentOrder } from './payment-order';

/** One line of a batch: the order as the Finanzverfahren books it, with the number it echoes back. */
export interface BatchLine {
  anordnungsnummer: string;
  orderId: string;
  kind: PaymentOrder['kind'];
  payee: { providerId: string; name: string; creditorNumber: string };
  amount: string;
  dueDate: string;
  produkt: string;
  sachkonto: string;
  /** The Sozialraum as Kostenstelle. */
  kostenstelle: string;
  haushaltsjahr: number;
  reference: PaymentOrder['reference'];
  /** Verwendungszweck the payee reads on its statement. */
  purpose: string;
}

export interface PaymentBatch {
  batchId: string;
  createdOn: string;
  lines: BatchLine[];
  total: string;
}

export interface FeedbackPayment {
  line: number;
  anordnungsnummer: string;
  paidOn: string;
  documentNumber: string;
  amount: string;
}

export type DiscrepancyKind = 'unknown-order' | 'paid-twice' | 'amount-differs';

export interface Discrepancy extends FeedbackPayment {
  kind: DiscrepancyKind;
  /** German: what does not fit. */
  detail: string;
}

export type FinanzverfahrenEvent =
  | DomainEvent<'FinanceConfigurationSet', FinanceConfiguration>
  | DomainEvent<'PaymentBatchExported', PaymentBatch>
  | DomainEvent<'PaymentFeedbackImported', { importId: string; fileSha256: string; payments: FeedbackPayment[]; discrepancies: Discrepancy[] }>;

export interface FinanzverfahrenState {
  configurations: FinanceConfiguration[];
  batches: PaymentBatch[];
  /** Every order id already in a batch: each order goes into exactly one. */
  batched: Set<string>;
  lines: Map<string, BatchLine & { batchId: string }>;
  /** Payments recorded per Anordnungsnummer. */
  paid: Map<string, FeedbackPayment & { importId: string }>;
  imports: Array<{ importId: string; importedOn: string; payments: number; discrepancies: Discrepancy[] }>;
  ordersNumbered: number;
}

export const finanzverfahrenDecider: Decider<FinanzverfahrenState, FinanzverfahrenEvent> = {
  initialState: { configurations: [], batches: [], batched: new Set(), lines: new Map(), paid: new Map(), imports: [], ordersNumbered: 0 },
  evolve(state, event) {
    switch (event.type) {
      case 'FinanceConfigurationSet':
        return { ...state, configurations: [...state.configurations.filter((c) => c.effectiveFrom !== event.data.effectiveFrom), event.data] };
      case 'PaymentBatchExported': {
        const batched = new Set(state.batched);
        const lines = new Map(state.lines);
        for (const line of event.data.lines) {
          batched.add(line.orderId);
          lines.set(line.anordnungsnummer, { ...line, batchId: event.data.batchId });
        }
        return { ...state, batches: [...state.batches, event.data], batched, lines, ordersNumbered: state.ordersNumbered + event.data.lines.length };
      }
      case 'PaymentFeedbackImported': {
        const paid = new Map(state.paid);
        for (const payment of event.data.payments) paid.set(payment.anordnungsnummer, { ...payment, importId: event.data.importId });
        const entry = {
          importId: event.data.importId,
          importedOn: event.businessDate ?? '',
          payments: event.data.payments.length,
          discrepancies: event.data.discrepancies,
        };
        return { ...state, paid, imports: [...state.imports, entry] };
      }
    }
  },
};

export function decideConfigure(cmd: FinanceConfiguration): FinanzverfahrenEvent[] {
  checkConfiguration(cmd);
  return [{ type: 'FinanceConfigurationSet', data: cmd, businessDate: cmd.effectiveFrom }];
}

function purposeOf(order: PaymentOrder): string {
  if ('caseRef' in order.reference)
    return order.kind === 'reversal'
      ? `Absetzung ${order.reference.invoiceId} Fall ${order.reference.caseRef}`
      : `Rechnung ${order.reference.invoiceId} Fall ${order.reference.caseRef}`;
  return `Zuwendung ${order.reference.subsidyId} Rate ${order.reference.instalmentId} ${order.reference.purpose}`.slice(0, 140);
}

/**
 * A batch takes every order given so far that is in no batch yet, in the order they were given,
 * numbered on from the last batch (AO-<year>-<6 digits>, the year of the batch). Each line names
 * its payee with the creditor number, the Sachkonto of the configuration in force on the order's
 * day, the Sozialraum as Kostenstelle and the case or subsidy it pays: never a collective amount.
 */
export function decideExportBatch(
  cmd: { createdOn: string },
  state: FinanzverfahrenState,
  facts: { orders: PaymentOrder[]; providerNames: Map<string, string> },
): FinanzverfahrenEvent[] {
  const open = facts.orders.filter((o) => !state.batched.has(o.orderId)).sort((a, b) => Number(BigInt(a.position) - BigInt(b.position)));
  if (open.length === 0)
    refuse(
      FINANZVERFAHREN_PROBLEMS['nothing-to-export'],
      text('Alle angeordneten Zahlungen stehen bereits in einer Anordnungsdatei.', 'Every payment order is in a batch already.'),
    );
  const missingConfig = open.find((o) => !configurationOn(state.configurations, o.orderedOn));
  if (missingConfig)
    refuse(
      FINANZVERFAHREN_PROBLEMS['configuration-missing'],
      text(
        `Für den ${missingConfig.orderedOn} gilt keine Zuordnung zum Finanzverfahren (Produkt, Sachkonten, Kreditoren); sie wird unter /finanzverfahren/configuration gebucht.`,
        `No finance configuration is in force on ${missingConfig.orderedOn}.`,
      ),
    );
  const withoutCreditor = [
    ...new Set(open.filter((o) => !creditorNumberOf(configurationOn(state.configurations, o.orderedOn)!, o.providerId)).map((o) => o.providerId)),
  ];
  if (withoutCreditor.length)
    refuse(
      FINANZVERFAHREN_PROBLEMS['creditor-number-missing'],
      text(
        `Ohne Kreditorennummer im Finanzverfahren: ${withoutCreditor.join(', ')}. Nichts wurde ausgegeben.`,
        `No creditor number for ${withoutCreditor.join(', ')}.`,
      ),
      { providerIds: withoutCreditor },
    );
  const year = cmd.createdOn.slice(0, 4);
  const lines: BatchLine[] = open.map((order, i) => {
    const config = configurationOn(state.configurations, order.orderedOn)!;
    return {
      anordnungsnummer: `AO-${year}-${String(state.ordersNumbered + i + 1).padStart(6, '0')}`,
      orderId: order.orderId,
      kind: order.kind,
      payee: {
        providerId: order.providerId,
        name: facts.providerNames.get(order.providerId) ?? order.providerId,
        creditorNumber: creditorNumberOf(config, order.providerId)!,
      },
      amount: order.amount,
      dueDate: order.dueDate,
      produkt: config.produkt,
      // checkConfiguration guarantees a rule per category.
      sachkonto: sachkontoFor(config, order)!,
      kostenstelle: order.sozialraumId,
      haushaltsjahr: order.fiscalYear,
      reference: order.reference,
      purpose: purposeOf(order),
    };
  });
  const total = lines.reduce((sum, l) => sum.plus(l.amount), new Decimal(0));
  const batchId = `ZB-${year}-${String(state.batches.length + 1).padStart(4, '0')}`;
  return [{ type: 'PaymentBatchExported', data: { batchId, createdOn: cmd.createdOn, lines, total: formatAmount(total) } }];
}

/**
 * The Finanzverfahren's feedback records each payment it reports against the order it names.
 * Nothing is silently merged: a number no batch gave, an order paid before (or twice in the file)
 * and a paid amount other than ordered are listed as discrepancies and not recorded as payments.
 */
export function decideImportFeedback(cmd: { fileSha256: string; rows: FeedbackPayment[] }, state: FinanzverfahrenState): FinanzverfahrenEvent[] {
  const payments: FeedbackPayment[] = [];
  const discrepancies: Discrepancy[] = [];
  const seen = new Map<string, number>();
  for (const row of cmd.rows) {
    const line = state.lines.get(row.anordnungsnummer);
    const earlier = state.paid.get(row.anordnungsnummer);
    const inFile = seen.get(row.anordnungsnummer);
    if (!line) discrepancies.push({ ...row, kind: 'unknown-order', detail: `Zeile ${row.line}: ${row.anordnungsnummer} stammt aus keiner Anordnungsdatei.` });
    else if (earlier)
      discrepancies.push({
        ...row,
        kind: 'paid-twice',
        detail: `Zeile ${row.line}: ${row.anordnungsnummer} ist bereits am ${earlier.paidOn} bezahlt gemeldet (Beleg ${earlier.documentNumber}).`,
      });
    else if (inFile !== undefined)
      discrepancies.push({ ...row, kind: 'paid-twice', detail: `Zeile ${row.line}: ${row.anordnungsnummer} steht schon in Zeile ${inFile} dieser Datei.` });
    else if (!new Decimal(row.amount).equals(line.amount))
      discrepancies.push({
        ...row,
        kind: 'amount-differs',
        detail: `Zeile ${row.line}: ${row.anordnungsnummer} mit ${row.amount} bezahlt, angeordnet waren ${line.amount}.`,
      });
    else payments.push(row);
    if (inFile === undefined) seen.set(row.anordnungsnummer, row.line);
  }
  return [{ type: 'PaymentFeedbackImported', data: { importId: `RM-${state.imports.length + 1}`, fileSha256: cmd.fileSha256, payments, discrepancies } }];
}
