import { refuse } from '../../../libs/ddd/domain-error';
import { yearOf } from '../../../libs/calendar';
import { formatAmount, Decimal } from '../../../libs/money';
import { CaseStreamEvent } from './case.events';
import { CaseState, evolveCase } from './case-state';
import { DecisionContext, approvalOf, assertCaseExists, decideRollInto, withMoney } from './approval.decisions';
import { monthInPeriod } from './approved-amounts';

/**
 * Kostenbeitrag (§§ 91 ff. SGB VIII) of the parents for an approval: a monthly amount from a date.
 * Its revenue is recorded per month the approval covers and reported beside the budget (R2).
 */
export function decideFixKostenbeitrag(
  cmd: { approvalId: string; monthlyAmount: string; from: string; to: string | null; businessDate: string },
  state: CaseState,
  ctx: DecisionContext,
): CaseStreamEvent[] {
  assertCaseExists(state);
  approvalOf(state, cmd.approvalId);
  // R5: months of a later year of an open-ended approval are covered from 01.01. of that year.
  const rolled = decideRollInto(state, cmd.approvalId, yearOf(cmd.from), ctx);
  return [...rolled, ...fixKostenbeitrag(cmd, rolled.reduce(evolveCase, state), ctx)];
}

function fixKostenbeitrag(cmd: { approvalId: string; monthlyAmount: string; from: string; to: string | null; businessDate: string }, state: CaseState, ctx: DecisionContext): CaseStreamEvent[] {
  const approval = approvalOf(state, cmd.approvalId);
  if (cmd.to !== null && cmd.to < cmd.from) refuse('invalid-period', 'Invalid period', `the end ${cmd.to} is before the start ${cmd.from}`);
  if (cmd.from < approval.start || (approval.end !== null && cmd.from > approval.end)) {
    refuse('outside-approved-period', 'Outside the approved period', `a Kostenbeitrag from ${cmd.from} lies outside the approved period ${approval.start} – ${approval.end ?? 'open end'}`);
  }
  const kostenbeitragId = `${approval.approvalId}-KB${approval.kostenbeitraege.length + 1}`;
  const fixed: CaseStreamEvent = {
    type: 'KostenbeitragFixed',
    data: { kostenbeitragId, approvalId: approval.approvalId, monthlyAmount: formatAmount(new Decimal(cmd.monthlyAmount)), from: cmd.from, to: cmd.to },
  };
  return withMoney(state, [fixed], approval.approvalId, cmd.businessDate, { recorded: 'kostenbeitrag', released: 'kostenbeitrag' }, ctx);
}

/** Kostenerstattung claimed from another Jugendamt (§§ 89 ff.): revenue of the service month, never reducing consumption (R2). */
export function decideClaimKostenerstattung(
  cmd: { approvalId: string; debtorAuthority: string; serviceMonth: string; amount: string; reference: string; businessDate: string },
  state: CaseState,
  ctx: DecisionContext,
): CaseStreamEvent[] {
  assertCaseExists(state);
  const approval = approvalOf(state, cmd.approvalId);
  if (!monthInPeriod(approval, cmd.serviceMonth)) {
    refuse('outside-approved-period', 'Outside the approved period', `${cmd.serviceMonth} is outside the approved period of ${approval.approvalId}`);
  }
  const fiscalYear = yearOf(cmd.serviceMonth);
  if (ctx.closedYears.includes(fiscalYear)) refuse('fiscal-year-closed', 'Fiscal year closed', `the fiscal year ${fiscalYear} is closed and accepts no bookings`);
  const claimId = `${approval.approvalId}-KE${approval.kostenerstattungen.length + 1}`;
  const amount = formatAmount(new Decimal(cmd.amount));
  return [
    {
      type: 'KostenerstattungClaimed',
      data: { claimId, approvalId: approval.approvalId, debtorAuthority: cmd.debtorAuthority, serviceMonth: cmd.serviceMonth, amount, reference: cmd.reference },
      businessDate: cmd.businessDate,
    },
    {
      type: 'RevenueRecorded',
      data: {
        sozialraumId: state.sozialraumId!,
        fiscalYear,
        month: cmd.serviceMonth,
        kind: 'kostenerstattung',
        amount,
        source: { kind: 'approval', id: approval.approvalId, caseRef: state.caseRef!, label: `Kostenerstattung ${cmd.debtorAuthority}` },
      },
      businessDate: cmd.businessDate,
    },
  ];
}
