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

/**
 * Splits a money-movement event into signed month lines: commitments recorded/released move the
 * forecast, accruals/reversals the actual, revenue stays apart (R2). Pure; shared by the journal
 * projection and by replays from the log.
 */
export function ledgerLines(event: LedgerEvent): LedgerLine[] {
  const d: any = event.data;
  const base = {
    sozialraumId: d.sozialraumId,
    fiscalYear: d.fiscalYear,
    category: d.category ?? null,
    inBudget: event.type === 'RevenueRecorded' ? false : Boolean(d.inBudget),
    outOfBudgetReason: d.outOfBudgetReason ?? null,
    providerId: d.providerId ?? null,
    sourceKind: d.source?.kind,
    sourceId: d.source?.id,
    caseRef: d.source?.caseRef ?? null,
  };
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
