import { DomainEvent } from '../../../libs/ddd/decider';
import { LedgerEvent } from '../../ledger';
import { LegalBasis, RateType, Setting } from '../../shared/legal-basis';

/** R1: where an approval's money counts, decided by the contract in force at the Bescheid date. */
export interface Classification {
  inBudget: boolean;
  reason: 'in-budget' | 'excluded-legal-basis' | 'high-cost';
  /** Human-readable explanation with the figures that decided it. */
  explanation: string;
  contractVersion: number | null;
}

/** The rate of an approval from a date on: provider, Entgelt and (for FLS) hours per month. */
export interface RateSegment {
  from: string;
  providerId: string;
  rate: string;
  /** Fachleistungsstunden per month (hourly rate type only). */
  hoursPerMonth: string | null;
  /** The rate agreement the rate follows, or null with a reason for a deviating rate. */
  agreementId: string | null;
  rateReason: string | null;
}

export const TERMINATION_REASONS = ['planmaessig', 'abbruch', 'zustaendigkeitswechsel'] as const;
export type TerminationReason = (typeof TERMINATION_REASONS)[number];

export const VERIFICATION_STEPS = ['sachlich-richtig', 'rechnerisch-richtig'] as const;
export type VerificationStep = (typeof VERIFICATION_STEPS)[number];

export type CaseDomainEvent =
  | DomainEvent<'CaseOpened', { caseRef: string; sozialraumId: string }>
  | DomainEvent<
      'ApprovalGranted',
      {
        approvalId: string;
        caseRef: string;
        sozialraumId: string;
        legalBasis: LegalBasis;
        /** R12 (schema version 2); events of version 1 are read with the legal basis's default (null where none). */
        setting: Setting | null;
        rateType: RateType;
        bescheidDate: string;
        start: string;
        end: string | null;
        segment: RateSegment;
        classification: Classification;
        /** Last fiscal year whose commitment is recorded (open-ended approvals roll on at year close). */
        committedThrough: number;
      }
    >
  | DomainEvent<
      'ApprovalExtended',
      {
        approvalId: string;
        previousEnd: string | null;
        newEnd: string | null;
        committedThrough: number;
        reason: string;
        /** The scope the Bescheid sets for the extended period; absent when it keeps the scope at the previous end. */
        segment?: RateSegment;
      }
    >
  | DomainEvent<'ApprovalScopeChanged', { approvalId: string; segment: RateSegment; reason: string }>
  | DomainEvent<'ApprovalTerminated', { approvalId: string; reason: TerminationReason; effectiveEnd: string; note: string | null }>
  | DomainEvent<'ApprovalRolledOver', { approvalId: string; fiscalYear: number }>
  | DomainEvent<
      'InvoiceSubmitted',
      {
        invoiceId: string;
        approvalId: string;
        providerId: string;
        serviceMonth: string;
        /** Hours or days delivered; null for a flat month. */
        quantity: string | null;
        amount: string;
        invoiceNumber: string;
        leitwegId: string | null;
        /** For an invoice received as XRechnung: SHA-256 of the document, stored beside the events (case_invoice_documents). */
        documentSha256?: string;
      }
    >
  | DomainEvent<'InvoiceVerified', { invoiceId: string; step: VerificationStep; verifiedBy: string }>
  | DomainEvent<'InvoiceRejected', { invoiceId: string; reason: string }>
  | DomainEvent<'PaymentOrdered', { invoiceId: string; amount: string; serviceMonth: string }>
  | DomainEvent<'PaymentReversed', { invoiceId: string; amount: string; reason: string }>
  | DomainEvent<'KostenbeitragFixed', { kostenbeitragId: string; approvalId: string; monthlyAmount: string; from: string; to: string | null }>
  | DomainEvent<
      'KostenerstattungClaimed',
      { claimId: string; approvalId: string; debtorAuthority: string; serviceMonth: string; amount: string; reference: string }
    >;

/** Everything a case stream holds: its own facts and the money movements they cause. */
export type CaseStreamEvent = CaseDomainEvent | LedgerEvent;
