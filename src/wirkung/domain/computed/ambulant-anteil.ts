import { ComputedIndicator } from './computed-indicator';
import { caseMonthsIn, inBudgetApprovalsOf, measured } from './approval-history';

/**
 * R12 `ambulant-anteil`: in-budget case-months in ambulant settings in % of all in-budget
 * case-months of the period. A month counts once per approval when the approval covers at least
 * one of its days, however many providers it had in it. An approval without a known setting
 * counts in the whole but never as ambulant.
 */
export const ambulantAnteil: ComputedIndicator = ({ events, sozialraumId, period }) => {
  let all = 0;
  let ambulant = 0;
  let caseCount = 0;
  for (const approval of inBudgetApprovalsOf(events, sozialraumId)) {
    const months = caseMonthsIn(approval, period).length;
    if (months === 0) continue;
    caseCount++;
    all += months;
    if (approval.setting === 'ambulant') ambulant += months;
  }
  return measured(ambulant, all, 100, caseCount);
};
