import { NotFound, refuse } from '../../../libs/ddd/domain-error';
import { text } from '../../../libs/text/text';
import { CASE_PROBLEMS } from '../cases.problems';
import { yearOf } from '../../../libs/calendar';
import { Decimal, formatAmount } from '../../../libs/money';
import { approvedAmountOfMonth, approvedDaysIn, invoiceCeilings, monthInPeriod, segmentOn } from './approved-amounts';
import { CaseStreamEvent, VerificationStep } from './case.events';
import { CaseState, Invoice, InvoiceStatus, activeInvoices, evolveCase } from './case-state';
import { RATE_TYPE_NAMES, approvalNotFound, approvalOf, assertCaseExists, periodText } from './approval.decisions';
import { CaseFacts, refuseClosedYears } from './closed-years';
import { approvalDimensions, reconcileApproval, rollInto } from './commitments';

export interface SubmitInvoice {
  approvalId: string;
  providerId: string;
  serviceMonth: string;
  /** Business date of the submission: invoices are for help delivered, so the month must have begun. */
  submittedOn: string;
  /** Hours (FLS) or days (daily rate) delivered; omitted for a flat month. */
  quantity?: string;
  invoiceNumber: string;
  leitwegId?: string;
  /** The XRechnung the invoice was read from, by its SHA-256; absent for the JSON intake. */
  documentSha256?: string;
}

/** Where an invoice stands, as the German sentences of a refusal say it. */
const STATUS_DE: Record<InvoiceStatus, string> = {
  'awaiting-first-verification': 'noch nicht sachlich geprüft',
  'awaiting-second-verification': 'noch nicht rechnerisch geprüft',
  'awaiting-payment-order': 'geprüft und wartet auf die Zahlungsanordnung',
  paid: 'bezahlt',
  rejected: 'zurückgewiesen',
  reversed: 'storniert',
};

export function invoiceOf(state: CaseState, invoiceId: string): Invoice {
  const invoice = state.invoices[invoiceId];
  if (!invoice)
    throw new NotFound(CASE_PROBLEMS['invoice-not-found'], text(`Die Rechnung ${invoiceId} wurde nicht gefunden.`, `Invoice ${invoiceId} was not found.`));
  return invoice;
}

/**
 * R4: a monthly invoice inside the approved period, at most what was approved, once per month.
 * The amount is computed from the approval: hours × hourly rate, the first n approved days at
 * their daily rates, or the flat month.
 */
export function decideSubmitInvoice(cmd: SubmitInvoice, state: CaseState, facts: CaseFacts): CaseStreamEvent[] {
  assertCaseExists(state);
  approvalOf(state, cmd.approvalId);
  // R5: a month of a later year of an open-ended approval is committed from 01.01. of that year.
  const rolled = rollInto(state, cmd.approvalId, yearOf(cmd.serviceMonth));
  return refuseClosedYears(cmd.submittedOn, state, [...rolled, ...submitInvoice(cmd, rolled.reduce(evolveCase, state))], facts);
}

function submitInvoice(cmd: SubmitInvoice, state: CaseState): CaseStreamEvent[] {
  const approval = approvalOf(state, cmd.approvalId);
  if (!monthInPeriod(approval, cmd.serviceMonth)) {
    const period = periodText(approval.start, approval.end);
    refuse(
      CASE_PROBLEMS['outside-approved-period'],
      text(
        `Der Leistungsmonat ${cmd.serviceMonth} liegt außerhalb des Bewilligungszeitraums ${period.de}.`,
        `${cmd.serviceMonth} is outside the approved period ${period.en}.`,
      ),
    );
  }
  if (cmd.submittedOn < `${cmd.serviceMonth}-01`) {
    refuse(
      CASE_PROBLEMS['service-month-not-begun'],
      text(
        `Der Leistungsmonat ${cmd.serviceMonth} hat am ${cmd.submittedOn} noch nicht begonnen; abgerechnet wird nur bereits erbrachte Hilfe.`,
        `${cmd.serviceMonth} has not begun on ${cmd.submittedOn}; an invoice is for help already delivered.`,
      ),
    );
  }
  const approved = approvedAmountOfMonth(approval, cmd.serviceMonth);
  // Another provider's approval is not revealed to the one invoicing.
  if (!approved.has(cmd.providerId)) approvalNotFound(cmd.approvalId);
  const twice = activeInvoices(state, approval.approvalId).find((i) => i.serviceMonth === cmd.serviceMonth && i.providerId === cmd.providerId);
  if (twice) {
    refuse(
      CASE_PROBLEMS['month-already-invoiced'],
      text(
        `Der Leistungsmonat ${cmd.serviceMonth} ist bereits mit ${twice.invoiceId} (${twice.invoiceNumber}) abgerechnet; eine Korrektur ist eine Stornierung oder Zurückweisung und eine neue Rechnung.`,
        `${cmd.serviceMonth} is already invoiced with ${twice.invoiceId} (${twice.invoiceNumber}); a correction is a reversal or rejection plus a new invoice.`,
      ),
      {
        invoiceId: twice.invoiceId,
      },
    );
  }
  const amount = invoiceAmount(cmd, state, approved.get(cmd.providerId)!);
  const invoiceId = `${approval.approvalId}-R${state.invoiceOrder.filter((id) => state.invoices[id].approvalId === approval.approvalId).length + 1}`;
  return [
    {
      type: 'InvoiceSubmitted',
      data: {
        invoiceId,
        approvalId: approval.approvalId,
        providerId: cmd.providerId,
        serviceMonth: cmd.serviceMonth,
        quantity: cmd.quantity ?? null,
        amount: formatAmount(amount),
        invoiceNumber: cmd.invoiceNumber,
        leitwegId: cmd.leitwegId ?? null,
        ...(cmd.documentSha256 === undefined ? {} : { documentSha256: cmd.documentSha256 }),
      },
    },
  ];
}

function invoiceAmount(cmd: SubmitInvoice, state: CaseState, approvedForProvider: Decimal): Decimal {
  const approval = state.approvals[cmd.approvalId];
  if (approval.rateType === 'monthly') {
    if (cmd.quantity !== undefined)
      refuse(
        CASE_PROBLEMS['quantity-not-applicable'],
        text('Eine Monatspauschale wird ohne Stunden oder Tage abgerechnet.', 'A monthly flat rate is invoiced without hours or days.'),
      );
    return approvedForProvider;
  }
  if (cmd.quantity === undefined)
    refuse(
      CASE_PROBLEMS['quantity-required'],
      text(
        `Eine Rechnung zu einem ${RATE_TYPE_NAMES[approval.rateType]} nennt die erbrachten ${approval.rateType === 'hourly' ? 'Stunden' : 'Tage'}.`,
        `An invoice for a ${approval.rateType} rate states the ${approval.rateType === 'hourly' ? 'hours' : 'days'} delivered.`,
      ),
    );
  const quantity = new Decimal(cmd.quantity);
  if (!quantity.greaterThan(0))
    refuse(CASE_PROBLEMS['quantity-not-positive'], text('Die erbrachte Menge muss positiv sein.', 'The delivered quantity must be positive.'));
  // The most the month allows this provider: what the form shows before the invoice is sent.
  const ceiling = invoiceCeilings(approval, cmd.serviceMonth).find((c) => c.providerId === cmd.providerId)!;
  if (approval.rateType === 'hourly') {
    const segment = segmentOn(approval, approvedDaysIn(approval, cmd.serviceMonth)[0]);
    const maxHours = ceiling.quantity!;
    if (quantity.greaterThan(maxHours)) {
      const [invoiced, approvedHours, excess] = [quantity.toString(), maxHours.toString(), quantity.minus(maxHours).toString()];
      refuse(
        CASE_PROBLEMS['invoice-exceeds-approval'],
        text(
          `${invoiced} Stunden abgerechnet, ${approvedHours} für den Leistungsmonat ${cmd.serviceMonth} bewilligt; die ${excess} Stunden darüber werden abgelehnt.`,
          `${invoiced} hours invoiced, ${approvedHours} approved for ${cmd.serviceMonth}; the excess of ${excess} hours is refused.`,
        ),
        {
          approvedHours: maxHours.toString(),
          approvedAmount: formatAmount(maxHours.times(segment.rate)),
        },
      );
    }
    return quantity.times(segment.rate);
  }
  if (!quantity.isInteger()) refuse(CASE_PROBLEMS['days-not-whole'], text('Anwesenheitstage sind ganze Tage.', 'Days of presence are whole days.'));
  const days = approvedDaysIn(approval, cmd.serviceMonth).filter((day) => segmentOn(approval, day).providerId === cmd.providerId);
  if (quantity.greaterThan(ceiling.quantity!)) {
    refuse(
      CASE_PROBLEMS['invoice-exceeds-approval'],
      text(
        `${quantity.toString()} Tage abgerechnet, ${days.length} Tage im Leistungsmonat ${cmd.serviceMonth} bewilligt; die Tage darüber werden abgelehnt.`,
        `${quantity.toString()} days invoiced, ${days.length} days approved in ${cmd.serviceMonth}; the excess is refused.`,
      ),
      {
        approvedDays: days.length,
        approvedAmount: formatAmount(approvedForProvider),
      },
    );
  }
  return days.slice(0, quantity.toNumber()).reduce((sum, day) => sum.plus(segmentOn(approval, day).rate), new Decimal(0));
}

export interface VerifyInvoice {
  invoiceId: string;
  step: VerificationStep;
  verifiedBy: string;
  businessDate: string;
}

/**
 * Four-eyes verification: sachlich richtig first, then rechnerisch richtig by another person.
 * With the second step the invoice is verified and a lower amount releases the difference (R5).
 * Both steps concern the invoice's fiscal year, also when no money moves: a closed year accepts none.
 */
export function decideVerifyInvoice(cmd: VerifyInvoice, state: CaseState, facts: CaseFacts): CaseStreamEvent[] {
  assertCaseExists(state);
  const invoice = invoiceOf(state, cmd.invoiceId);
  const expected: VerificationStep | null =
    invoice.status === 'awaiting-first-verification' ? 'sachlich-richtig' : invoice.status === 'awaiting-second-verification' ? 'rechnerisch-richtig' : null;
  if (expected === null)
    refuse(
      CASE_PROBLEMS['invoice-not-awaiting-verification'],
      text(
        `Die Rechnung ${invoice.invoiceId} wartet nicht auf Prüfung, sie ist ${STATUS_DE[invoice.status]} (${invoice.status}).`,
        `Invoice ${invoice.invoiceId} is ${invoice.status}.`,
      ),
    );
  if (cmd.step !== expected)
    refuse(
      CASE_PROBLEMS['wrong-verification-step'],
      text(
        `Die Rechnung ${invoice.invoiceId} wartet auf den Schritt ${expected}, nicht auf ${cmd.step}.`,
        `Invoice ${invoice.invoiceId} awaits ${expected}, not ${cmd.step}.`,
      ),
    );
  if (invoice.verifications.some((v) => v.verifiedBy === cmd.verifiedBy)) {
    refuse(
      CASE_PROBLEMS['four-eyes-principle'],
      text(
        `${cmd.verifiedBy} hat die Rechnung ${invoice.invoiceId} bereits geprüft; den zweiten Schritt muss eine andere Person vornehmen (Vier-Augen-Prinzip).`,
        `${cmd.verifiedBy} already verified invoice ${invoice.invoiceId}; the second step needs a different person (Vier-Augen-Prinzip).`,
      ),
    );
  }
  const verified: CaseStreamEvent = {
    type: 'InvoiceVerified',
    data: { invoiceId: invoice.invoiceId, step: cmd.step, verifiedBy: cmd.verifiedBy },
    businessDate: cmd.businessDate,
  };
  if (cmd.step === 'sachlich-richtig') return refuseClosedYears(cmd.businessDate, state, [verified], facts);
  const after = evolveCase(state, verified);
  const money = reconcileApproval(after, invoice.approvalId, cmd.businessDate, { recorded: 'invoice-verified', released: 'invoice-lower' });
  return refuseClosedYears(cmd.businessDate, state, [verified, ...money], facts);
}

/**
 * Rejection of an invoice awaiting verification. Allowed also when the invoice's fiscal year is
 * closed: it books nothing (no commitment, no expenditure) and only takes the invoice out of the
 * verification queue, so an invoice that could no longer be verified is not left stuck there.
 */
export function decideRejectInvoice(cmd: { invoiceId: string; reason: string; businessDate: string }, state: CaseState, facts: CaseFacts): CaseStreamEvent[] {
  assertCaseExists(state);
  const invoice = invoiceOf(state, cmd.invoiceId);
  if (invoice.status !== 'awaiting-first-verification' && invoice.status !== 'awaiting-second-verification') {
    refuse(
      CASE_PROBLEMS['invoice-not-rejectable'],
      text(
        `Die Rechnung ${invoice.invoiceId} ist ${STATUS_DE[invoice.status]} (${invoice.status}); zurückgewiesen werden nur Rechnungen, die auf Prüfung warten (eine bezahlte wird storniert).`,
        `Invoice ${invoice.invoiceId} is ${invoice.status}; only invoices awaiting verification are rejected (a paid one is reversed).`,
      ),
    );
  }
  // It books nothing, so only its date can lie in a closed year: back-dated into one it is refused like any decision.
  return refuseClosedYears(cmd.businessDate, state, [{ type: 'InvoiceRejected', data: { invoiceId: invoice.invoiceId, reason: cmd.reason } }], facts);
}

/** Zahlungsanordnung: the invoice becomes actual expenditure of its service month (R3), consuming the commitment. */
export function decideOrderPayment(cmd: { invoiceId: string; businessDate: string }, state: CaseState, facts: CaseFacts): CaseStreamEvent[] {
  assertCaseExists(state);
  const invoice = invoiceOf(state, cmd.invoiceId);
  if (invoice.status !== 'awaiting-payment-order') {
    refuse(
      CASE_PROBLEMS['invoice-not-verified'],
      text(
        `Die Rechnung ${invoice.invoiceId} ist ${STATUS_DE[invoice.status]} (${invoice.status}); eine Zahlungsanordnung setzt beide Prüfschritte voraus.`,
        `Invoice ${invoice.invoiceId} is ${invoice.status}; a payment order needs both verifications.`,
      ),
    );
  }
  const fiscalYear = yearOf(invoice.serviceMonth);
  const approval = state.approvals[invoice.approvalId];
  return refuseClosedYears(
    cmd.businessDate,
    state,
    [
      {
        type: 'PaymentOrdered',
        data: { invoiceId: invoice.invoiceId, amount: invoice.amount, serviceMonth: invoice.serviceMonth },
        businessDate: cmd.businessDate,
      },
      {
        type: 'ExpenditureAccrued',
        data: {
          ...approvalDimensions(state, approval, fiscalYear, invoice.providerId),
          month: invoice.serviceMonth,
          amount: invoice.amount,
          reference: invoice.invoiceId,
        },
        businessDate: cmd.businessDate,
      },
    ],
    facts,
  );
}

/** Storno: the payment is reversed with a reason and the month's commitment re-opened at the approved amount. */
export function decideReversePayment(cmd: { invoiceId: string; reason: string; businessDate: string }, state: CaseState, facts: CaseFacts): CaseStreamEvent[] {
  assertCaseExists(state);
  const invoice = invoiceOf(state, cmd.invoiceId);
  if (invoice.status !== 'paid')
    refuse(
      CASE_PROBLEMS['invoice-not-paid'],
      text(
        `Die Rechnung ${invoice.invoiceId} ist ${STATUS_DE[invoice.status]} (${invoice.status}); storniert wird nur eine bezahlte Rechnung.`,
        `Invoice ${invoice.invoiceId} is ${invoice.status}; only a paid invoice is reversed.`,
      ),
    );
  const fiscalYear = yearOf(invoice.serviceMonth);
  const approval = state.approvals[invoice.approvalId];
  const reversed: CaseStreamEvent[] = [
    { type: 'PaymentReversed', data: { invoiceId: invoice.invoiceId, amount: invoice.amount, reason: cmd.reason }, businessDate: cmd.businessDate },
    {
      type: 'ExpenditureReversed',
      data: {
        ...approvalDimensions(state, approval, fiscalYear, invoice.providerId),
        month: invoice.serviceMonth,
        amount: invoice.amount,
        reference: invoice.invoiceId,
        reason: cmd.reason,
      },
      businessDate: cmd.businessDate,
    },
  ];
  const after = reversed.reduce(evolveCase, state);
  const money = reconcileApproval(after, invoice.approvalId, cmd.businessDate, { recorded: 'reversal-reopened', released: 'reversal' });
  return refuseClosedYears(cmd.businessDate, state, [...reversed, ...money], facts);
}
