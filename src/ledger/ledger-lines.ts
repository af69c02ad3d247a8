import { Decimal } from '../../libs/money';
import { LedgerEvent } from './ledger-events';

export interface LedgerLine {
  sozialraumId: string;
  fiscalYear: number;
  category: string | null;
  inBudget: boolean;
  outOfBudgetReason: string | null;
  providerId: string | null;
  sourceKind: string;
  sourceId: string;
  caseRef: string | null;
  month: string;
  measure: 'forecast' | 'actual' | 'revenue';
  /** Signed effect on the measure. */
  amount: Decimal;
}

type Dimensions = Omit<LedgerLine, 'month' | 'measure' | 'amount'>;

/** Revenue lies beside the budget (R2): no category, never in the budget. */
function dimensionsOf(event: LedgerEvent): Dimensions {
  const source = event.data.source;
  const common = {
    sozialraumId: event.data.sozialraumId,
    fiscalYear: event.data.fiscalYear,
    providerId: event.data.providerId ?? null,
    sourceKind: source.kind,
    sourceId: source.id,
    caseRef: source.caseRef ?? null,
  };
  if (event.type === 'RevenueRecorded') return { ...common, category: null, inBudget: false, outOfBudgetReason: null };
  return { ...common, category: event.data.category ?? null, inBudget: Boolean(event.data.inBudget), outOfBudgetReason: event.data.outOfBudgetReason ?? null };
}

/**
 * Splits a money-movement event into signed month lines: commitments recorded/released move the
 * forecast, accruals/reversals the actual, revenue stays apart (R2). Pure; shared by the journal
 * projection and by replays from the log.
 */
export function ledgerLines(event: LedgerEvent): LedgerLine[] {
  const base = dimensionsOf(event);
  switch (event.type) {
    case 'CommitmentRecorded':
    case 'CommitmentReleased': {
      const sign = event.type === 'CommitmentRecorded' ? 1 : -1;
      return event.data.lines.map((l) => ({ ...base, month: l.month, measure: 'forecast' as const, amount: new Decimal(l.amount).times(sign) }));
    }
    case 'ExpenditureAccrued':
    case 'ExpenditureReversed': {
      const sign = event.type === 'ExpenditureAccrued' ? 1 : -1;
      return [{ ...base, month: event.data.month, measure: 'actual', amount: new Decimal(event.data.amount).times(sign) }];
    }
    case 'RevenueRecorded':
      return [{ ...base, month: event.data.month, measure: 'revenue', amount: new Decimal(event.data.amount) }];
    default:
      return [];
  }
}
