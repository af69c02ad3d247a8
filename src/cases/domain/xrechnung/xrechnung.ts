import { createHash } from 'node:crypto';
import { FieldIssue } from '../../../../libs/http/problem';
import { Text, text } from '../../../../libs/text/text';
import { AmountFormatError, Decimal, formatAmount, parseAmount, sumAmounts } from '../../../../libs/money';
import { RateType } from '../../../shared/legal-basis';
import { XmlElement, attributeOf, elementsAt, readXml, textsAt } from './xml-reader';
import { isLeitwegId } from './leitweg-id';

/** The two syntaxes EN 16931 allows and XRechnung uses. */
export type XRechnungSyntax = 'UBL' | 'CII';

/** What the intake expects of an XRechnung for one approval, from the path, the login and master data. */
export interface XRechnungExpectations {
  caseRef: string;
  approvalId: string;
  /** The provider of the login: a seller identifier (BT-29) naming it identifies the seller. */
  providerId: string;
  /** The provider's registered name: a seller name (BT-27) equal to it identifies the seller. */
  providerName: string | null;
  /** The Leitweg-ID configured for the tenant; null when none is configured (then every XRechnung is refused). */
  leitwegId: string | null;
}

export interface XRechnungLine {
  xpath: string;
  quantity: string;
  unitCode: string | undefined;
  amount: string;
}

/** An XRechnung that passed every check, as the intake needs it. */
export interface XRechnungInvoice {
  syntax: XRechnungSyntax;
  invoiceNumber: string;
  leitwegId: string;
  /** The calendar month the service period (BT-73/BT-74) lies in. */
  serviceMonth: string;
  lines: XRechnungLine[];
  /** Sum of invoice line net amounts (BT-106), equal to the lines and to the total without VAT (BT-109). */
  netTotal: string;
  netTotalXPath: string;
}

export type XRechnungResult = { ok: true; invoice: XRechnungInvoice } | { ok: false; issues: FieldIssue[] };

/** One step of a path: the prefix the XPath shows and the local name the document is matched by. */
type Step = `${string}:${string}`;

interface Vocabulary {
  syntax: XRechnungSyntax;
  root: Step;
  namespace: string;
  customizationId: Step[];
  invoiceNumber: Step[];
  typeCode: Step[];
  currency: Step[];
  buyerReference: Step[];
  orderReference: Step[];
  sellerName: Step[];
  sellerIds: Step[];
  periodStart: Step[];
  periodEnd: Step[];
  /** How the period's dates are written: UBL as 2025-01-31, CII (format 102) as 20250131. */
  dateFormat: 'iso' | '102';
  line: Step[];
  lineId: Step[];
  lineQuantity: Step[];
  lineAmount: Step[];
  lineTotal: Step[];
  taxExclusiveTotal: Step[];
}

const CII_AGREEMENT: Step[] = ['rsm:SupplyChainTradeTransaction', 'ram:ApplicableHeaderTradeAgreement'];
const CII_SETTLEMENT: Step[] = ['rsm:SupplyChainTradeTransaction', 'ram:ApplicableHeaderTradeSettlement'];
const CII_SUMMATION: Step[] = [...CII_SETTLEMENT, 'ram:SpecifiedTradeSettlementHeaderMonetarySummation'];

const VOCABULARIES: Record<XRechnungSyntax, Vocabulary> = {
  UBL: {
    syntax: 'UBL',
    root: 'ubl:Invoice',
    namespace: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
    customizationId: ['cbc:CustomizationID'],
    invoiceNumber: ['cbc:ID'],
    typeCode: ['cbc:InvoiceTypeCode'],
    currency: ['cbc:DocumentCurrencyCode'],
    buyerReference: ['cbc:BuyerReference'],
    orderReference: ['cac:OrderReference', 'cbc:ID'],
    sellerName: ['cac:AccountingSupplierParty', 'cac:Party', 'cac:PartyLegalEntity', 'cbc:RegistrationName'],
    sellerIds: ['cac:AccountingSupplierParty', 'cac:Party', 'cac:PartyIdentification', 'cbc:ID'],
    periodStart: ['cac:InvoicePeriod', 'cbc:StartDate'],
    periodEnd: ['cac:InvoicePeriod', 'cbc:EndDate'],
    dateFormat: 'iso',
    line: ['cac:InvoiceLine'],
    lineId: ['cbc:ID'],
    lineQuantity: ['cbc:InvoicedQuantity'],
    lineAmount: ['cbc:LineExtensionAmount'],
    lineTotal: ['cac:LegalMonetaryTotal', 'cbc:LineExtensionAmount'],
    taxExclusiveTotal: ['cac:LegalMonetaryTotal', 'cbc:TaxExclusiveAmount'],
  },
  CII: {
    syntax: 'CII',
    root: 'rsm:CrossIndustryInvoice',
    namespace: 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100',
    customizationId: ['rsm:ExchangedDocumentContext', 'ram:GuidelineSpecifiedDocumentContextParameter', 'ram:ID'],
    invoiceNumber: ['rsm:ExchangedDocument', 'ram:ID'],
    typeCode: ['rsm:ExchangedDocument', 'ram:TypeCode'],
    currency: [...CII_SETTLEMENT, 'ram:InvoiceCurrencyCode'],
    buyerReference: [...CII_AGREEMENT, 'ram:BuyerReference'],
    orderReference: [...CII_AGREEMENT, 'ram:BuyerOrderReferencedDocument', 'ram:IssuerAssignedID'],
    sellerName: [...CII_AGREEMENT, 'ram:SellerTradeParty', 'ram:Name'],
    sellerIds: [...CII_AGREEMENT, 'ram:SellerTradeParty', 'ram:ID'],
    periodStart: [...CII_SETTLEMENT, 'ram:BillingSpecifiedPeriod', 'ram:StartDateTime', 'udt:DateTimeString'],
    periodEnd: [...CII_SETTLEMENT, 'ram:BillingSpecifiedPeriod', 'ram:EndDateTime', 'udt:DateTimeString'],
    dateFormat: '102',
    line: ['rsm:SupplyChainTradeTransaction', 'ram:IncludedSupplyChainTradeLineItem'],
    lineId: ['ram:AssociatedDocumentLineDocument', 'ram:LineID'],
    lineQuantity: ['ram:SpecifiedLineTradeDelivery', 'ram:BilledQuantity'],
    lineAmount: ['ram:SpecifiedLineTradeSettlement', 'ram:SpecifiedTradeSettlementLineMonetarySummation', 'ram:LineTotalAmount'],
    lineTotal: [...CII_SUMMATION, 'ram:LineTotalAmount'],
    taxExclusiveTotal: [...CII_SUMMATION, 'ram:TaxBasisTotalAmount'],
  },
};

/** EN 16931 core, or a CIUS of it such as XRechnung (BT-24 starts so). */
const EN16931 = 'urn:cen.eu:en16931:2017';
/** BT-3: a commercial invoice; credit notes and corrections take the reversal and rejection routes. */
const COMMERCIAL_INVOICE = '380';
/** As the JSON intake takes it: up to 9999 hours or days, at most two decimals. */
const QUANTITY = /^\d{1,4}(\.\d{1,2})?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const FORMAT_102 = /^(\d{4})(\d{2})(\d{2})$/;

/** The reference the Bestellnummer (BT-13) carries: case and approval, as "TW-25-001/TW-25-001-B1". */
export function orderReferenceFor(caseRef: string, approvalId: string): string {
  return `${caseRef}/${approvalId}`;
}

/** SHA-256 of the document as received (UTF-8), hex: the key it is stored under and the event names it by. */
export function documentSha256(xml: string): string {
  return createHash('sha256').update(xml, 'utf8').digest('hex');
}

/**
 * Reads and checks an XRechnung (UBL 2.1 Invoice or UN/CEFACT CII) against what the intake needs.
 * Every failed check is reported, each under the XPath of the element it concerns, so a provider
 * can correct the document in one go.
 */
export function readXRechnung(xml: string, expected: XRechnungExpectations): XRechnungResult {
  const read = readXml(xml);
  if (!read.ok) return read;
  const vocabulary = Object.values(VOCABULARIES).find((v) => local(v.root) === read.root && v.namespace === read.namespace);
  if (!vocabulary)
    return {
      ok: false,
      issues: [
        issue(
          `/${read.root}`,
          text(
            'ist weder eine UBL-2.1-Rechnung (Invoice) noch eine UN/CEFACT-CII-Rechnung (CrossIndustryInvoice) in ihrem Namensraum.',
            'is neither a UBL 2.1 Invoice nor a UN/CEFACT CII CrossIndustryInvoice in its namespace.',
          ),
        ),
      ],
    };
  return new Checks(vocabulary, read.element, expected).run();
}

class Checks {
  private readonly issues: FieldIssue[] = [];

  constructor(
    private readonly v: Vocabulary,
    private readonly root: XmlElement,
    private readonly expected: XRechnungExpectations,
  ) {}

  run(): XRechnungResult {
    const customization = this.single(this.v.customizationId, 'BT-24');
    if (customization !== undefined && !customization.startsWith(EN16931))
      this.fail(
        this.v.customizationId,
        text(`muss eine Spezifikationskennung nach EN 16931 (${EN16931}…) sein.`, `must be a specification identifier of EN 16931 (${EN16931}…).`),
      );
    const invoiceNumber = this.single(this.v.invoiceNumber, 'BT-1');
    if (invoiceNumber !== undefined && invoiceNumber.length > 60)
      this.fail(this.v.invoiceNumber, text('darf höchstens 60 Zeichen lang sein.', 'must be at most 60 characters long.'));
    const typeCode = this.single(this.v.typeCode, 'BT-3');
    if (typeCode !== undefined && typeCode !== COMMERCIAL_INVOICE)
      this.fail(
        this.v.typeCode,
        text(
          `muss ${COMMERCIAL_INVOICE} (Handelsrechnung) sein; Gutschriften und Korrekturen werden nicht so eingereicht.`,
          `must be ${COMMERCIAL_INVOICE} (commercial invoice); credit notes and corrections are not submitted this way.`,
        ),
      );
    const currency = this.single(this.v.currency, 'BT-5');
    if (currency !== undefined && currency !== 'EUR') this.fail(this.v.currency, text(`muss EUR sein, nicht ${currency}.`, `must be EUR, not ${currency}.`));
    const leitwegId = this.leitwegId();
    this.orderReference();
    this.seller();
    const serviceMonth = this.serviceMonth();
    const totals = this.totals();
    if (this.issues.length > 0 || !invoiceNumber || !leitwegId || !serviceMonth || !totals) return { ok: false, issues: this.issues };
    return { ok: true, invoice: { syntax: this.v.syntax, invoiceNumber, leitwegId, serviceMonth, ...totals } };
  }

  /** BT-10: in XRechnung the buyer reference is the Leitweg-ID of the receiving office. */
  private leitwegId(): string | undefined {
    const value = this.single(this.v.buyerReference, 'BT-10');
    if (value === undefined) return undefined;
    if (!isLeitwegId(value)) {
      this.fail(
        this.v.buyerReference,
        text(`ist keine gültige Leitweg-ID (Aufbau oder Prüfziffer): ${value}.`, `is not a valid Leitweg-ID (format or check digits): ${value}.`),
      );
      return undefined;
    }
    if (this.expected.leitwegId === null) {
      this.fail(
        this.v.buyerReference,
        text(
          'kann nicht geprüft werden: für dieses Jugendamt ist keine Leitweg-ID eingerichtet.',
          'cannot be checked: no Leitweg-ID is configured for this office.',
        ),
      );
      return undefined;
    }
    if (value.toUpperCase() !== this.expected.leitwegId.toUpperCase()) {
      this.fail(
        this.v.buyerReference,
        text(
          `muss die Leitweg-ID dieses Jugendamts ${this.expected.leitwegId} sein, nicht ${value}.`,
          `must be this office's Leitweg-ID ${this.expected.leitwegId}, not ${value}.`,
        ),
      );
      return undefined;
    }
    return this.expected.leitwegId;
  }

  /** BT-13: the Bestellnummer names case and approval, so an invoice cannot land on another one. */
  private orderReference(): void {
    const value = this.single(this.v.orderReference, 'BT-13');
    const wanted = orderReferenceFor(this.expected.caseRef, this.expected.approvalId);
    if (value !== undefined && value !== wanted)
      this.fail(
        this.v.orderReference,
        text(`muss Fall und Bewilligung als ${wanted} nennen, nicht ${value}.`, `must name case and approval as ${wanted}, not ${value}.`),
      );
  }

  /** BT-27/BT-29: the seller is the provider of the login, by its provider id or its registered name. */
  private seller(): void {
    const name = this.single(this.v.sellerName, 'BT-27');
    const ids = textsAt(this.root, this.v.sellerIds.map(local));
    if (ids.includes(this.expected.providerId)) return;
    if (name === undefined) return;
    if (this.expected.providerName !== null && normalised(name) === normalised(this.expected.providerName)) return;
    this.fail(
      this.v.sellerName,
      text(
        `nennt nicht den einreichenden Träger ${this.expected.providerId}: der Verkäufer muss dessen Namen laut Stammdaten oder die Träger-Kennung als Verkäuferkennung (BT-29) tragen.`,
        `does not name the submitting provider ${this.expected.providerId}: the seller must carry its registered name or the provider id as seller identifier (BT-29).`,
      ),
    );
  }

  /** BT-73/BT-74: one invoice is one service month, as in the JSON intake. */
  private serviceMonth(): string | undefined {
    const start = this.date(this.v.periodStart, 'BT-73');
    const end = this.date(this.v.periodEnd, 'BT-74');
    if (!start || !end) return undefined;
    if (end < start) {
      this.fail(this.v.periodEnd, text(`liegt vor dem Beginn des Leistungszeitraums ${start}.`, `is before the start of the service period ${start}.`));
      return undefined;
    }
    if (start.slice(0, 7) !== end.slice(0, 7)) {
      this.fail(
        this.v.periodEnd,
        text(
          `Der Leistungszeitraum ${start} bis ${end} muss in einem Kalendermonat liegen; je Leistungsmonat wird eine Rechnung gestellt.`,
          `The service period ${start} to ${end} must lie within one calendar month; each service month is invoiced separately.`,
        ),
      );
      return undefined;
    }
    return start.slice(0, 7);
  }

  /** BT-106 = Σ BT-131, and BT-109 = BT-106: no document-level allowances or charges are expected. */
  private totals(): { lines: XRechnungLine[]; netTotal: string; netTotalXPath: string } | undefined {
    const lineElements = elementsAt(this.root, this.v.line.map(local));
    if (lineElements.length === 0) {
      this.fail(this.v.line, text('fehlt: die Rechnung braucht mindestens eine Position (BG-25).', 'is missing: the invoice needs at least one line (BG-25).'));
      return undefined;
    }
    const lines: XRechnungLine[] = [];
    lineElements.forEach((element, index) => {
      const base = `${absolute(this.v.root, this.v.line)}[${index + 1}]`;
      const quantityElement = this.singleElement(element, this.v.lineQuantity, base, 'BT-129');
      const amount = this.amountIn(element, this.v.lineAmount, base, 'BT-131');
      const quantity = quantityElement?.['#text'];
      if (quantity !== undefined && !QUANTITY.test(quantity))
        this.issues.push(
          issue(
            `${base}/${xpath(this.v.lineQuantity)}`,
            text('muss eine positive Menge wie 20 oder 7.5 sein.', 'must be a positive quantity such as 20 or 7.5.'),
          ),
        );
      else if (quantityElement && quantity !== undefined && amount !== undefined)
        lines.push({ xpath: base, quantity, unitCode: attributeOf(quantityElement, 'unitCode'), amount: formatAmount(amount) });
    });
    const total = this.amountIn(this.root, this.v.lineTotal, '', 'BT-106');
    const taxExclusive = this.amountIn(this.root, this.v.taxExclusiveTotal, '', 'BT-109');
    if (total === undefined || lines.length !== lineElements.length) return undefined;
    const sum = sumAmounts(lines.map((l) => l.amount));
    if (!sum.equals(total)) {
      this.fail(
        this.v.lineTotal,
        text(
          `Die Summe der Positionen ${formatAmount(sum)} EUR weicht von der Summe der Nettobeträge ${formatAmount(total)} EUR ab.`,
          `The sum of the lines ${formatAmount(sum)} EUR differs from the line total ${formatAmount(total)} EUR.`,
        ),
      );
      return undefined;
    }
    if (taxExclusive !== undefined && !taxExclusive.equals(total)) {
      this.fail(
        this.v.taxExclusiveTotal,
        text(
          `Der Gesamtbetrag ohne Umsatzsteuer ${formatAmount(taxExclusive)} EUR muss der Summe der Positionen ${formatAmount(total)} EUR entsprechen; Nachlässe und Zuschläge auf Rechnungsebene werden nicht angenommen.`,
          `The total without VAT ${formatAmount(taxExclusive)} EUR must equal the line total ${formatAmount(total)} EUR; document-level allowances and charges are not accepted.`,
        ),
      );
      return undefined;
    }
    if (taxExclusive === undefined) return undefined;
    return { lines, netTotal: formatAmount(total), netTotalXPath: absolute(this.v.root, this.v.lineTotal) };
  }

  private amountIn(element: XmlElement, path: Step[], base: string, term: string): Decimal | undefined {
    const value = this.singleElement(element, path, base, term)?.['#text'];
    if (value === undefined) return undefined;
    try {
      return parseAmount(value);
    } catch (error) {
      if (!(error instanceof AmountFormatError)) throw error;
      this.issues.push(issue(base ? `${base}/${xpath(path)}` : absolute(this.v.root, path), error.reason));
      return undefined;
    }
  }

  private date(path: Step[], term: string): string | undefined {
    const value = this.single(path, term);
    if (value === undefined) return undefined;
    const match = (this.v.dateFormat === 'iso' ? ISO_DATE : FORMAT_102).exec(value);
    const iso = match ? `${match[1]}-${match[2]}-${match[3]}` : undefined;
    if (!iso || !isCalendarDate(iso)) {
      const example = this.v.dateFormat === 'iso' ? '2025-01-31' : '20250131';
      this.fail(path, text(`muss ein Datum wie ${example} sein, nicht ${value}.`, `must be a date such as ${example}, not ${value}.`));
      return undefined;
    }
    return iso;
  }

  /** The text of an element that must occur exactly once below the root. */
  private single(path: Step[], term: string): string | undefined {
    return this.singleElement(this.root, path, '', term)?.['#text'];
  }

  private singleElement(element: XmlElement, path: Step[], base: string, term: string): XmlElement | undefined {
    const where = base ? `${base}/${xpath(path)}` : absolute(this.v.root, path);
    const found = elementsAt(element, path.map(local));
    if (found.length === 0 || (found[0]['#text'] ?? '') === '') {
      this.issues.push(issue(where, text(`fehlt (${term}).`, `is missing (${term}).`)));
      return undefined;
    }
    if (found.length > 1) {
      this.issues.push(issue(where, text(`darf nur einmal vorkommen (${term}).`, `must occur only once (${term}).`)));
      return undefined;
    }
    return found[0];
  }

  private fail(path: Step[], message: Text): void {
    this.issues.push(issue(absolute(this.v.root, path), message));
  }
}

/**
 * The quantity the approval's rate type bills, from the lines: hours (unit HUR) or days (DAY)
 * summed, nothing for a flat month. A unit that does not fit the rate type is an issue.
 */
export function quantityFor(invoice: XRechnungInvoice, rateType: RateType): { quantity: string | undefined; issues: FieldIssue[] } {
  const unit = rateType === 'hourly' ? 'HUR' : rateType === 'daily' ? 'DAY' : undefined;
  const issues: FieldIssue[] = [];
  const quantityStep = VOCABULARIES[invoice.syntax].lineQuantity;
  if (unit === undefined) return { quantity: undefined, issues };
  for (const line of invoice.lines)
    if (line.unitCode !== unit)
      issues.push(
        issue(
          `${line.xpath}/${xpath(quantityStep)}/@unitCode`,
          text(
            `muss ${unit} sein: die Bewilligung wird ${rateType === 'hourly' ? 'in Fachleistungsstunden' : 'in Tagen'} abgerechnet.`,
            `must be ${unit}: the approval is billed ${rateType === 'hourly' ? 'in hours' : 'in days'}.`,
          ),
        ),
      );
  const total = sumAmounts(invoice.lines.map((l) => new Decimal(l.quantity)));
  return { quantity: total.toString(), issues };
}

/** The XRechnung's net total must be what the approval yields, as the JSON intake computes it. */
export function amountIssues(invoice: XRechnungInvoice, computed: string): FieldIssue[] {
  if (new Decimal(invoice.netTotal).equals(new Decimal(computed))) return [];
  return [
    issue(
      invoice.netTotalXPath,
      text(
        `Die Nettosumme ${invoice.netTotal} EUR entspricht nicht dem Betrag aus der Bewilligung (${computed} EUR).`,
        `The net total ${invoice.netTotal} EUR differs from the amount the approval yields (${computed} EUR).`,
      ),
    ),
  ];
}

function issue(field: string, message: Text): FieldIssue {
  return { field, message };
}

function local(step: Step): string {
  return step.slice(step.indexOf(':') + 1);
}

function xpath(steps: Step[]): string {
  return steps.map((s) => (s.startsWith('ubl:') ? local(s) : s)).join('/');
}

/** The absolute XPath below the root; UBL's root is shown unprefixed, as it is written (default namespace). */
function absolute(root: Step, steps: Step[]): string {
  return `/${xpath([root, ...steps])}`;
}

function normalised(name: string): string {
  return name.split(/\s+/).filter(Boolean).join(' ').toLowerCase();
}

function isCalendarDate(iso: string): boolean {
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso;
}
