/// <reference types="jest" />
import { formatAmount as euro } from './format';
import { compareDecimal, describeCeiling, emptyInvoiceForm, invoiceBody, invoiceFormProblems, type ApprovedMonth } from './invoice-form';

const month = (ceiling: Partial<ApprovedMonth['ceilings'][number]> | null, rateType: ApprovedMonth['rateType'] = 'hourly'): ApprovedMonth => ({
  caseRef: 'TW-25-001',
  approvalId: 'TW-25-001-B1',
  serviceMonth: '2025-03',
  rateType,
  ceilings: ceiling ? [{ providerId: 'TR-E', unit: 'hours', approvedQuantity: '20', approvedAmount: '1300.00', invoice: null, ...ceiling }] : [],
});

describe("the Träger's monthly invoice", () => {
  it('says what the month allows, that it lies outside the period, or which invoice already claims it', () => {
    expect(describeCeiling(month({}))).toBe(`Bewilligt für März 2025: 20 Stunden, höchstens ${euro('1300.00')}.`);
    expect(describeCeiling(month({ unit: 'days', approvedQuantity: '1', approvedAmount: '250.00' }, 'daily'))).toBe(
      `Bewilligt für März 2025: 1 Tag, höchstens ${euro('250.00')}.`,
    );
    expect(describeCeiling(month({ unit: null, approvedQuantity: null, approvedAmount: '1200.00' }, 'monthly'))).toBe(
      `Bewilligt für März 2025: höchstens ${euro('1200.00')}.`,
    );
    expect(describeCeiling(month(null))).toBe('Für März 2025 ist nichts bewilligt: Der Monat liegt außerhalb des Bewilligungszeitraums.');
    expect(
      describeCeiling(month({ invoice: { invoiceId: 'TW-25-001-B1-R1', invoiceNumber: 'RE-7', amount: '1170.00', status: 'awaiting-second-verification' } })),
    ).toBe(`März 2025 ist bereits abgerechnet mit TW-25-001-B1-R1 (RE-7, ${euro('1170.00')}, wartet auf die rechnerische Prüfung).`);
  });

  it('compares decimal texts without numbers', () => {
    expect(compareDecimal('20', '20.0')).toBe(0);
    expect(compareDecimal('20.5', '20')).toBe(1);
    expect(compareDecimal('9.75', '10')).toBe(-1);
    expect(compareDecimal('007', '7')).toBe(0);
    expect(compareDecimal('100', '99.99')).toBe(1);
  });

  it('refuses more than approved at the quantity field, and a missing month or number, before anything is sent', () => {
    const filled = { ...emptyInvoiceForm(), serviceMonth: '2025-03', invoiceNumber: 'RE-1' };
    expect(invoiceFormProblems({ ...filled, quantity: '20,5' }, month({}))).toEqual([
      { field: 'quantity', message: 'Mehr als bewilligt: höchstens 20 Stunden für März 2025.' },
    ]);
    expect(invoiceFormProblems({ ...filled, quantity: '20' }, month({}))).toEqual([]);
    expect(invoiceFormProblems({ ...filled, quantity: '' }, month({}))).toEqual([{ field: 'quantity', message: 'Bitte die geleisteten Stunden angeben.' }]);
    expect(invoiceFormProblems(emptyInvoiceForm(), undefined).map((p) => p.field)).toEqual(['serviceMonth', 'invoiceNumber']);
    // A flat month takes no quantity.
    expect(invoiceFormProblems(filled, month({ unit: null, approvedQuantity: null }, 'monthly'))).toEqual([]);
  });

  it('sends the quantity only where the month is invoiced by hours or days', () => {
    const form = { serviceMonth: '2025-03', quantity: '18,5', invoiceNumber: ' RE-1 ' };
    expect(invoiceBody(form, month({}))).toEqual({ serviceMonth: '2025-03', quantity: '18.5', invoiceNumber: 'RE-1' });
    expect(invoiceBody(form, month({ unit: null, approvedQuantity: null }, 'monthly'))).toEqual({ serviceMonth: '2025-03', invoiceNumber: 'RE-1' });
  });
});
