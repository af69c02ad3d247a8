import { ComputedIndicator } from './computed-indicator';
import { endsIn, inBudgetApprovalsOf, measured } from './approval-history';

/**
 * R12 `planmaessig-beendet`: in-budget approvals ending in the period whose end was planmäßig, in
 * % of all in-budget approvals ending in the period. An approval that ran out without termination
 * counts as planmäßig; a terminated one by its recorded reason.
 */
export const planmaessigBeendet: ComputedIndicator = ({ events, sozialraumId, period }) => {
  const ending = inBudgetApprovalsOf(events, sozialraumId).filter((a) => endsIn(a, period));
  const planmaessig = ending.filter((a) => a.terminated === null || a.terminated.reason === 'planmaessig');
  return measured(planmaessig.length, ending.length, 100, ending.length);
};
