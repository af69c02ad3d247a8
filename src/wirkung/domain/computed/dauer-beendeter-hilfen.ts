import { ComputedIndicator } from './computed-indicator';
import { endsIn, inBudgetApprovalsOf, measured, monthsTouched } from './approval-history';

/**
 * R12 `dauer-beendeter-hilfen`: average duration in months of the in-budget approvals ending in the
 * period. The duration is the whole approval's, from its start (also before the period) to its
 * end, counted in calendar months touched (May–Sep = 5), like the case-months of `ambulant-anteil`.
 */
export const dauerBeendeterHilfen: ComputedIndicator = ({ events, sozialraumId, period }) => {
  const ended = inBudgetApprovalsOf(events, sozialraumId).filter((a) => endsIn(a, period));
  const months = ended.reduce((sum, a) => sum + monthsTouched(a.start, a.end).length, 0);
  return measured(months, ended.length, 1, ended.length);
};
