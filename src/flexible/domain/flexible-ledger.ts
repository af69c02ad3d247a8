import { Decimal, formatAmount } from '../../../libs/money';
import { SozialraumYear } from '../../budgets';
import { LedgerDimensions, MonthAmount } from '../../ledger';
import { FlexibleCategory } from './flexible.events';

/** Flexible money is always inside the budget (R1) and always bound in the budget stream. */
export function subsidyDimensions(
  { sozialraumId, fiscalYear }: SozialraumYear,
  subsidy: { subsidyId: string; providerId: string; category: FlexibleCategory; purpose: string },
): LedgerDimensions {
  return {
    sozialraumId,
    fiscalYear,
    category: subsidy.category,
    inBudget: true,
    providerId: subsidy.providerId,
    source: { kind: 'subsidy', id: subsidy.subsidyId, label: subsidy.purpose },
  };
}

export function activityDimensions(
  { sozialraumId, fiscalYear }: SozialraumYear,
  activity: { activityId: string; providerId: string; category: FlexibleCategory; description: string },
): LedgerDimensions {
  return {
    sozialraumId,
    fiscalYear,
    category: activity.category,
    inBudget: true,
    providerId: activity.providerId,
    source: { kind: 'flexible-item', id: activity.activityId, label: activity.description },
  };
}

/** One line per month (instalments due in the same month add up), in month order. */
export function monthLines(items: Array<{ month: string; amount: Decimal }>): MonthAmount[] {
  const byMonth = new Map<string, Decimal>();
  for (const item of items) byMonth.set(item.month, (byMonth.get(item.month) ?? new Decimal(0)).plus(item.amount));
  return [...byMonth.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([month, amount]) => ({ month, amount: formatAmount(amount) }));
}
