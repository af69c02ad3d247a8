import { TEST_LEITWEG_ID, generateXRechnung, testInvoice } from './xrechnung.fixtures';
import { XRechnungExpectations, XRechnungInvoice, amountIssues, documentSha256, quantityFor, readXRechnung } from './xrechnung';
import { isLeitwegId, leitwegCheckDigits } from './leitweg-id';

const expected: XRechnungExpectations = {
  caseRef: 'TW-25-001',
  approvalId: 'TW-25-001-B1',
  providerId: 'TR-E',
  providerName: 'Träger TR-E',
  leitwegId: TEST_LEITWEG_ID,
};

const UBL = '/Invoice';
const CII_AGREEMENT = '/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement';
const CII_SETTLEMENT = '/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement';

const PATHS = {
  UBL: {
    buyerReference: `${UBL}/cbc:BuyerReference`,
    orderReference: `${UBL}/cac:OrderReference/cbc:ID`,
    sellerName: `${UBL}/cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName`,
    periodEnd: `${UBL}/cac:InvoicePeriod/cbc:EndDate`,
    lineTotal: `${UBL}/cac:LegalMonetaryTotal/cbc:LineExtensionAmount`,
    currency: `${UBL}/cbc:DocumentCurrencyCode`,
  },
  CII: {
    buyerReference: `${CII_AGREEMENT}/ram:BuyerReference`,
    orderReference: `${CII_AGREEMENT}/ram:BuyerOrderReferencedDocument/ram:IssuerAssignedID`,
    sellerName: `${CII_AGREEMENT}/ram:SellerTradeParty/ram:Name`,
    periodEnd: `${CII_SETTLEMENT}/ram:BillingSpecifiedPeriod/ram:EndDateTime/udt:DateTimeString`,
    lineTotal: `${CII_SETTLEMENT}/ram:SpecifiedTradeSettlementHeaderMonetarySummation/ram:LineTotalAmount`,
    currency: `${CII_SETTLEMENT}/ram:InvoiceCurrencyCode`,
  },
} as const;

function accepted(result: ReturnType<typeof readXRechnung>): XRechnungInvoice {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.issues)}`);
  return result.invoice;
}

function fields(result: ReturnType<typeof readXRechnung>): string[] {
  if (result.ok) throw new Error('accepted');
  return result.issues.map((i) => i.field);
}

describe('Leitweg-ID', () => {
  it('checks the MOD 97-10 check digits, letters counting from A=10', () => {
    expect(isLeitwegId('04011000-1234512345-06')).toBe(true);
    expect(isLeitwegId('991-33333TEST-33')).toBe(true);
    expect(isLeitwegId(TEST_LEITWEG_ID)).toBe(true);
    expect(leitwegCheckDigits('13003000-JUGENDAMT')).toBe('35');
    expect(isLeitwegId('04011000-1234512345-07')).toBe(false);
    expect(isLeitwegId('04011000_12345-06')).toBe(false);
  });
});

describe.each(['UBL', 'CII'] as const)('XRechnung intake checks (%s)', (syntax) => {
  const paths = PATHS[syntax];

  it('maps a valid invoice to service month, number, Leitweg-ID, lines and net total', async () => {
    const invoice = accepted(readXRechnung(await generateXRechnung(syntax, testInvoice()), expected));
    expect(invoice).toMatchObject({
      syntax,
      invoiceNumber: 'RE-2025-01',
      leitwegId: TEST_LEITWEG_ID,
      serviceMonth: '2025-01',
      netTotal: '1300.00',
      netTotalXPath: paths.lineTotal,
    });
    expect(quantityFor(invoice, 'hourly')).toEqual({ quantity: '20', issues: [] });
    expect(quantityFor(invoice, 'monthly')).toEqual({ quantity: undefined, issues: [] });
    expect(quantityFor(invoice, 'daily').issues).toHaveLength(1);
    expect(amountIssues(invoice, '1300.00')).toEqual([]);
    expect(amountIssues(invoice, '1235.00').map((i) => i.field)).toEqual([paths.lineTotal]);
  });

  it('sums several lines exactly (decimal, not floating point)', async () => {
    const lines = [
      { quantity: '0.1', unitCode: 'HUR', price: '0.10', amount: '0.01' },
      { quantity: '0.2', unitCode: 'HUR', price: '0.10', amount: '0.02' },
    ];
    const invoice = accepted(readXRechnung(await generateXRechnung(syntax, testInvoice({ lines, netTotal: '0.03' })), expected));
    expect(invoice.netTotal).toBe('0.03');
    expect(quantityFor(invoice, 'hourly').quantity).toBe('0.3');
  });

  it('refuses a missing BuyerReference (Leitweg-ID) under its XPath', async () => {
    const xml = await generateXRechnung(syntax, testInvoice({ leitwegId: undefined }));
    expect(fields(readXRechnung(xml, expected))).toEqual([paths.buyerReference]);
  });

  it("refuses another office's Leitweg-ID and an unconfigured tenant", async () => {
    const xml = await generateXRechnung(syntax, testInvoice({ leitwegId: '04011000-1234512345-06' }));
    expect(fields(readXRechnung(xml, expected))).toEqual([paths.buyerReference]);
    const ours = await generateXRechnung(syntax, testInvoice());
    expect(fields(readXRechnung(ours, { ...expected, leitwegId: null }))).toEqual([paths.buyerReference]);
  });

  it('refuses a wrong seller', async () => {
    const xml = await generateXRechnung(syntax, testInvoice({ sellerName: 'Anderer Träger gGmbH' }));
    const result = readXRechnung(xml, expected);
    expect(fields(result)).toEqual([paths.sellerName]);
  });

  it('refuses a service period over two months', async () => {
    const xml = await generateXRechnung(syntax, testInvoice({ periodStart: '2025-01-15', periodEnd: '2025-02-14' }));
    expect(fields(readXRechnung(xml, expected))).toEqual([paths.periodEnd]);
  });

  it('refuses a net total that is not the sum of the lines', async () => {
    const xml = await generateXRechnung(syntax, testInvoice({ netTotal: '1350.00' }));
    expect(fields(readXRechnung(xml, expected))).toEqual([paths.lineTotal]);
  });

  it('refuses a BuyerReference/Bestellnummer naming another case or approval', async () => {
    const xml = await generateXRechnung(syntax, testInvoice({ orderReference: 'TW-25-001/TW-25-001-B2' }));
    expect(fields(readXRechnung(xml, expected))).toEqual([paths.orderReference]);
    const missing = await generateXRechnung(syntax, testInvoice({ orderReference: undefined }));
    expect(fields(readXRechnung(missing, expected))).toEqual([paths.orderReference]);
  });

  it('lists every failed check at once, each with its XPath', async () => {
    const xml = await generateXRechnung(
      syntax,
      testInvoice({ leitwegId: undefined, sellerName: 'Fremd', periodEnd: '2025-02-28', netTotal: '1.00', currency: 'USD', orderReference: 'X/Y' }),
    );
    expect(fields(readXRechnung(xml, expected)).sort()).toEqual(
      [paths.buyerReference, paths.sellerName, paths.periodEnd, paths.lineTotal, paths.currency, paths.orderReference].sort(),
    );
  });

  it('refuses entity expansion (billion laughs) before parsing', async () => {
    const xml = await generateXRechnung(syntax, testInvoice());
    const bomb = xml.replace(
      '?>',
      '?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>',
    );
    const result = readXRechnung(bomb.replace('RE-2025-01', '&lol3;'), expected);
    expect(fields(result)).toEqual(['/']);
    expect(!result.ok && result.issues[0].message.en).toMatch(/DOCTYPE/);
  });

  it('refuses external entities before parsing', async () => {
    const xml = await generateXRechnung(syntax, testInvoice());
    const external = xml.replace('?>', '?>\n<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>').replace('RE-2025-01', '&xxe;');
    expect(fields(readXRechnung(external, expected))).toEqual(['/']);
  });
});

describe('XRechnung documents that are not invoices', () => {
  it('refuses what is not well-formed, with line and column', () => {
    const result = readXRechnung('<Invoice><cbc:ID>1</Invoice>', expected);
    expect(fields(result)).toEqual(['/']);
    expect(!result.ok && result.issues[0].message.de).toMatch(/wohlgeformt/);
  });

  it('refuses an empty document and an unknown root', () => {
    expect(fields(readXRechnung('', expected))).toEqual(['/']);
    expect(fields(readXRechnung('<Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2"/>', expected))).toEqual(['/Order']);
    // The right local name in a foreign namespace is not a UBL invoice.
    expect(fields(readXRechnung('<Invoice xmlns="urn:example"/>', expected))).toEqual(['/Invoice']);
  });

  it('identifies the seller by its provider id (BT-29) even under another name', async () => {
    const xml = await generateXRechnung('UBL', testInvoice({ sellerName: 'TR-E Jugendhilfe gGmbH', sellerId: 'TR-E' }));
    expect(readXRechnung(xml, expected).ok).toBe(true);
  });

  it('names a document by the SHA-256 of its bytes', () => {
    expect(documentSha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
