import { AmountFormatError, Decimal, formatAmount, parseAmount } from '../../../libs/money';
import { Text, text } from '../../../libs/text/text';
import { LEGAL_BASIS_CODES, LegalBasis } from '../../shared/legal-basis';

/** Bodies that approve supplementary expenditure (R9, § 50 KV M-V), by value limit. */
export interface ApprovalLimit {
  body: string;
  /** Upper limit (inclusive) in EUR; null for the body that decides everything above. */
  upTo: string | null;
}

/**
 * Every parameter the rule book (docs/steering.md) names, as agreed in a budget contract. Percentages are decimal
 * strings ("5" = 5 %), amounts decimal strings.
 */
export interface BudgetContractTerms {
  /** R10: deviations within ± corridor % of B are not settled; R7 under-run line = 100 % − corridor. */
  corridorPct: string;
  /** R7 thresholds on the forecast in % of B. */
  warningThresholdPct: string;
  procedureThresholdPct: string;
  renegotiationThresholdPct: string;
  /** R10: provider share of the excess beyond the corridor (Malus). */
  providerSharePct: string;
  /** R10: the Malus cap is malusCapPct of this basis. */
  malusCapBasis: 'flexible-budget' | 'total-budget';
  malusCapPct: string;
  /** R10: carry-forward share of savings, capped at carryForwardCapPct of B. */
  carryForwardSharePct: string;
  carryForwardCapPct: string;
  /** R1: approvals with a daily rate above this are Hochkostenfälle, outside the budget. */
  highCostDailyRateThreshold: string;
  /** R1: legal bases recorded outside the budget (default § 42 Inobhutnahme). */
  excludedLegalBases: LegalBasis[];
  /** R7: month (1–12) from whose close on the under-run check runs. */
  underrunReviewMonth: number;
  /** R9: value limits of the bodies deciding supplementary expenditure, ascending. */
  supplementaryApprovalLimits: ApprovalLimit[];
}

export const DEFAULT_CONTRACT_TERMS: Readonly<BudgetContractTerms> = Object.freeze({
  corridorPct: '5',
  warningThresholdPct: '100',
  procedureThresholdPct: '105',
  renegotiationThresholdPct: '110',
  providerSharePct: '50',
  malusCapBasis: 'flexible-budget',
  malusCapPct: '10',
  carryForwardSharePct: '50',
  carryForwardCapPct: '10',
  highCostDailyRateThreshold: '300.00',
  excludedLegalBases: ['42'],
  underrunReviewMonth: 9,
  supplementaryApprovalLimits: [
    { body: 'Oberbürgermeister', upTo: '50000.00' },
    { body: 'Hauptausschuss', upTo: '500000.00' },
    { body: 'Bürgerschaft', upTo: null },
  ],
}) as BudgetContractTerms;

const PERCENT = /^\d{1,3}(\.\d{1,2})?$/;

/** A term that is wrong, and why, in every language (the field is named separately). */
export interface TermsIssue {
  field: string;
  message: Text;
}

/** Why an amount could not be read, in every language. */
function amountReason(error: unknown): Text {
  return error instanceof AmountFormatError ? error.reason : text('ist kein gültiger Betrag.', 'is not a valid amount.');
}

/**
 * Completes partial terms with the defaults and checks their consistency; returns problems. Amounts
 * of valid terms are written with exactly two decimals.
 */
export function completeTerms(partial: Partial<BudgetContractTerms>): { terms: BudgetContractTerms; errors: TermsIssue[] } {
  const terms: BudgetContractTerms = { ...DEFAULT_CONTRACT_TERMS, ...stripUndefined(partial) };
  const errors: TermsIssue[] = [];
  const pct = (field: keyof BudgetContractTerms, max = 100) => {
    const value = terms[field] as string;
    if (typeof value !== 'string' || !PERCENT.test(value) || new Decimal(value).greaterThan(max)) {
      errors.push({
        field: `terms.${field}`,
        message: text(
          `muss ein Prozentsatz zwischen 0 und ${max} mit höchstens 2 Nachkommastellen sein.`,
          `must be a percentage between 0 and ${max} with at most 2 decimals.`,
        ),
      });
    }
  };
  pct('corridorPct');
  pct('warningThresholdPct', 500);
  pct('procedureThresholdPct', 500);
  pct('renegotiationThresholdPct', 500);
  pct('providerSharePct');
  pct('malusCapPct');
  pct('carryForwardSharePct');
  pct('carryForwardCapPct');
  if (errors.length === 0) {
    const w = new Decimal(terms.warningThresholdPct);
    const p = new Decimal(terms.procedureThresholdPct);
    const r = new Decimal(terms.renegotiationThresholdPct);
    if (!(w.lessThan(p) && p.lessThan(r))) {
      errors.push({
        field: 'terms.procedureThresholdPct',
        message: text(
          'Die Schwellen müssen aufsteigen: Warnung < Verfahren < Nachverhandlung.',
          'Thresholds must ascend: warning < procedure < renegotiation.',
        ),
      });
    }
  }
  if (!['flexible-budget', 'total-budget'].includes(terms.malusCapBasis)) {
    errors.push({ field: 'terms.malusCapBasis', message: text('muss flexible-budget oder total-budget sein.', 'must be flexible-budget or total-budget.') });
  }
  try {
    parseAmount(terms.highCostDailyRateThreshold, { allowZero: false });
  } catch (error) {
    errors.push({ field: 'terms.highCostDailyRateThreshold', message: amountReason(error) });
  }
  if (!Array.isArray(terms.excludedLegalBases) || terms.excludedLegalBases.some((b) => !LEGAL_BASIS_CODES.includes(b))) {
    errors.push({
      field: 'terms.excludedLegalBases',
      message: text(`darf nur Rechtsgrundlagen aus ${LEGAL_BASIS_CODES.join(', ')} nennen.`, `must list legal bases out of ${LEGAL_BASIS_CODES.join(', ')}.`),
    });
  }
  if (!Number.isInteger(terms.underrunReviewMonth) || terms.underrunReviewMonth < 1 || terms.underrunReviewMonth > 12) {
    errors.push({ field: 'terms.underrunReviewMonth', message: text('muss eine Monatszahl von 1 bis 12 sein.', 'must be a month number 1–12.') });
  }
  errors.push(...checkLimits(terms.supplementaryApprovalLimits));
  return { terms: errors.length ? terms : withCanonicalAmounts(terms), errors };
}

/** Amounts as the rule book writes them: exactly two decimals ("300.00"). */
function withCanonicalAmounts(terms: BudgetContractTerms): BudgetContractTerms {
  return {
    ...terms,
    highCostDailyRateThreshold: formatAmount(terms.highCostDailyRateThreshold),
    supplementaryApprovalLimits: terms.supplementaryApprovalLimits.map((limit) => ({ ...limit, upTo: limit.upTo === null ? null : formatAmount(limit.upTo) })),
  };
}

function checkLimits(limits: ApprovalLimit[]): TermsIssue[] {
  if (!Array.isArray(limits) || limits.length === 0) {
    return [{ field: 'terms.supplementaryApprovalLimits', message: text('braucht mindestens ein Gremium.', 'needs at least one body.') }];
  }
  const errors: TermsIssue[] = [];
  let previous: Decimal | null = null;
  limits.forEach((limit, i) => {
    const field = `terms.supplementaryApprovalLimits[${i}]`;
    if (!limit || typeof limit.body !== 'string' || limit.body.trim().length === 0 || limit.body.length > 100) {
      errors.push({
        field: `${field}.body`,
        message: text('muss das entscheidende Gremium nennen (höchstens 100 Zeichen).', 'must name the deciding body (at most 100 characters).'),
      });
    }
    const last = i === limits.length - 1;
    if (last) {
      if (limit?.upTo !== null) {
        errors.push({
          field: `${field}.upTo`,
          message: text(
            'Das letzte Gremium entscheidet über alles darüber: upTo muss null sein.',
            'The last body decides everything above: upTo must be null.',
          ),
        });
      }
      return;
    }
    try {
      const upTo = parseAmount(limit?.upTo, { allowZero: false });
      if (previous && !upTo.greaterThan(previous)) {
        errors.push({ field: `${field}.upTo`, message: text('Die Wertgrenzen müssen aufsteigen.', 'Value limits must ascend.') });
      }
      previous = upTo;
    } catch (error) {
      errors.push({ field: `${field}.upTo`, message: amountReason(error) });
    }
  });
  return errors;
}

/** The body whose value limit covers an amount (R9). */
export function competentBody(terms: BudgetContractTerms, amount: Decimal): string {
  for (const limit of terms.supplementaryApprovalLimits) {
    if (limit.upTo === null || amount.lessThanOrEqualTo(limit.upTo)) return limit.body;
  }
  return terms.supplementaryApprovalLimits[terms.supplementaryApprovalLimits.length - 1].body;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
