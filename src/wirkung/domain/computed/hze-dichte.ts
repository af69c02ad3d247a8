import { ComputedIndicator } from './computed-indicator';
import { inBudgetApprovalsOf, measured } from './approval-history';

/**
 * R12 `hze-dichte`: in-budget approvals running on the period's last day per 1,000 residents under
 * 21. Monitored only (R8): fewer entitlements must never earn a bonus.
 */
export const hzeDichte: ComputedIndicator = ({ events, sozialraumId, period, residentsUnder21 }) => {
  const running = inBudgetApprovalsOf(events, sozialraumId).filter((a) => a.start <= period.to && (a.end === null || a.end >= period.to));
  return measured(running.length, residentsUnder21, 1000, running.length);
};
