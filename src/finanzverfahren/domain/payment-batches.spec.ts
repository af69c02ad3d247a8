import { DomainError } from '../../../libs/ddd/domain-error';
import { fold } from '../../../libs/ddd/decider';
import { FinanceConfiguration, sachkontoFor } from './finance-configuration';
import { FinanzverfahrenEvent, decideConfigure, decideExportBatch, decideImportFeedback, finanzverfahrenDecider } from './payment-batches';
import { PaymentOrder } from './payment-order';

const config: FinanceConfiguration = {
  effectiveFrom: '2025-01-01',
  produkt: '363',
  accounts: [
    { category: 'FS', legalBasis: null, sachkonto: '533100' },
    { category: 'FS', legalBasis: '34', sachkonto: '533400' },
    { category: 'FUE', legalBasis: null, sachkonto: '531800' },
    { category: 'FU', legalBasis: null, sachkonto: '531810' },
  ],
  creditors: [
    { providerId: 'TR-E', creditorNumber: '700001' },
    { providerId: 'TR-F', creditorNumber: '700002' },
  ],
  reason: 'Kontenrahmen',
};
const order = (orderId: string, over: Partial<PaymentOrder> = {}): PaymentOrder => ({
  orderId,
  kind: 'invoice',
  providerId: 'TR-E',
  amount: '1300.00',
  dueDate: '2025-02-05',
  orderedOn: '2025-02-05',
  sozialraumId: 'HRO-TW',
  fiscalYear: 2025,
  category: 'FS',
  legalBasis: '31',
  reference: { caseRef: 'TW-25-001', invoiceId: orderId },
  position: '10',
  ...over,
});
const names = new Map([['TR-E', 'Träger E']]);
const problem = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return { problem: error.problem, ...error.extensions };
    throw error;
  }
  throw new Error('not refused');
};
const state = (events: FinanzverfahrenEvent[]) => fold(finanzverfahrenDecider, events);
const configured = decideConfigure(config);

describe('payment batches for the Finanzverfahren', () => {
  it('books an order to the Sachkonto of its legal basis, else of its category', () => {
    expect(sachkontoFor(config, order('A', { legalBasis: '34' }))).toBe('533400');
    expect(sachkontoFor(config, order('A'))).toBe('533100');
    expect(sachkontoFor(config, order('A', { category: 'FU', legalBasis: null }))).toBe('531810');
  });

  it('refuses a configuration without an account for every category', () => {
    expect(problem(() => decideConfigure({ ...config, accounts: config.accounts.filter((a) => a.category !== 'FUE') }))).toMatchObject({
      problem: 'configuration-incomplete',
      field: 'accounts',
    });
  });

  it('takes every order not yet in a batch, in log order, numbered on; an order is never in two batches', () => {
    const orders = [order('B', { position: '20' }), order('A', { position: '10' })];
    const first = decideExportBatch({ createdOn: '2025-03-31' }, state(configured), { orders, providerNames: names });
    expect(first[0].type).toBe('PaymentBatchExported');
    const batch = first[0].data as { batchId: string; lines: Array<{ anordnungsnummer: string; orderId: string; sachkonto: string }>; total: string };
    expect(batch.batchId).toBe('ZB-2025-0001');
    expect(batch.lines.map((l) => [l.anordnungsnummer, l.orderId])).toEqual([
      ['AO-2025-000001', 'A'],
      ['AO-2025-000002', 'B'],
    ]);
    expect(batch.total).toBe('2600.00');
    const after = state([...configured, ...first]);
    expect(problem(() => decideExportBatch({ createdOn: '2025-04-01' }, after, { orders, providerNames: names }))).toMatchObject({
      problem: 'nothing-to-export',
    });
    const second = decideExportBatch({ createdOn: '2025-04-30' }, after, { orders: [...orders, order('C', { position: '30' })], providerNames: names });
    expect((second[0].data as typeof batch).lines.map((l) => [l.anordnungsnummer, l.orderId])).toEqual([['AO-2025-000003', 'C']]);
  });

  it('exports nothing while a payee has no creditor number or an order no configuration', () => {
    expect(problem(() => decideExportBatch({ createdOn: '2025-03-31' }, state([]), { orders: [order('A')], providerNames: names }))).toMatchObject({
      problem: 'configuration-missing',
    });
    expect(
      problem(() => decideExportBatch({ createdOn: '2025-03-31' }, state(configured), { orders: [order('A', { providerId: 'TR-X' })], providerNames: names })),
    ).toMatchObject({ problem: 'creditor-number-missing', providerIds: ['TR-X'] });
  });

  it('reconciles the feedback: matched payments recorded, unknown numbers, other amounts and second payments listed', () => {
    const exported = decideExportBatch({ createdOn: '2025-03-31' }, state(configured), { orders: [order('A')], providerNames: names });
    const s = state([...configured, ...exported]);
    const row = (line: number, anordnungsnummer: string, amount = '1300.00') => ({
      line,
      anordnungsnummer,
      paidOn: '2025-02-10',
      documentNumber: `FV-${line}`,
      amount,
    });
    const [imported] = decideImportFeedback({ fileSha256: 'x', rows: [row(2, 'AO-2025-000001'), row(3, 'AO-2025-000001'), row(4, 'AO-2025-000777')] }, s);
    const data = imported.data as { payments: unknown[]; discrepancies: Array<{ kind: string; line: number }> };
    expect(data.payments).toHaveLength(1);
    expect(data.discrepancies.map((d) => [d.line, d.kind])).toEqual([
      [3, 'paid-twice'],
      [4, 'unknown-order'],
    ]);
    const [other] = decideImportFeedback({ fileSha256: 'y', rows: [row(2, 'AO-2025-000001', '1299.99')] }, s);
    expect((other.data as typeof data).discrepancies.map((d) => d.kind)).toEqual(['amount-differs']);
    const [later] = decideImportFeedback({ fileSha256: 'z', rows: [row(2, 'AO-2025-000001')] }, state([...configured, ...exported, imported]));
    expect((later.data as typeof data).discrepancies.map((d) => d.kind)).toEqual(['paid-twice']);
  });
});
