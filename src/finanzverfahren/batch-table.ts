import { Column, Table } from '../../libs/export';
import { PaymentBatch } from './domain/payment-batches';

const KIND_NAMES = { invoice: 'Rechnung', reversal: 'Absetzung', instalment: 'Zuwendungsrate' } as const;

/**
 * The documented CSV layout of a batch for the Finanzverfahren (docs/finanzverfahren.md): one line
 * per Anordnung, in the order of the Anordnungsnummern. Built from the batch event alone, so the
 * same batch always gives the same file.
 */
export function batchTable(batch: PaymentBatch): Table {
  const columns: Column[] = [
    { header: 'Anordnungsnummer', kind: 'text', width: 16 },
    { header: 'Art', kind: 'text', width: 14 },
    { header: 'Kreditor', kind: 'text' },
    { header: 'Zahlungsempfänger', kind: 'text', width: 30 },
    { header: 'Betrag', kind: 'amount' },
    { header: 'Fällig am', kind: 'date' },
    { header: 'Produkt', kind: 'text' },
    { header: 'Sachkonto', kind: 'text' },
    { header: 'Kostenstelle', kind: 'text' },
    { header: 'Haushaltsjahr', kind: 'integer' },
    { header: 'Fall oder Zuwendung', kind: 'text', width: 16 },
    { header: 'Rechnung oder Rate', kind: 'text', width: 20 },
    { header: 'Verwendungszweck', kind: 'text', width: 50 },
    { header: 'Anordnungsdatei', kind: 'text', width: 14 },
  ];
  const rows = batch.lines.map((l) => [
    l.anordnungsnummer,
    KIND_NAMES[l.kind],
    l.payee.creditorNumber,
    l.payee.name,
    l.amount,
    l.dueDate,
    l.produkt,
    l.sachkonto,
    l.kostenstelle,
    String(l.haushaltsjahr),
    'caseRef' in l.reference ? l.reference.caseRef : l.reference.subsidyId,
    'caseRef' in l.reference ? l.reference.invoiceId : l.reference.instalmentId,
    l.purpose,
    batch.batchId,
  ]);
  return { columns, rows };
}
