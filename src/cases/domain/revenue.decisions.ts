import { refuse } from '../../../libs/ddd/domain-error';
import { text } from '../../../libs/text/text';
import { SHARED_PROBLEMS } from '../../shared/shared-problems';
import { CASE_PROBLEMS } from '../cases.problems';
import { yearOf } from '../../../libs/calendar';
import { formatAmount, Decimal } from '../../../libs/money';
import { CaseStreamEvent } from './case.events';
import { CaseState, evolveCase } from './case-state';
import { approvalOf, assertCaseExists, periodText } from './approval.decisions';
import { monthInPeriod } from './approved-amounts';
import { CaseFacts, refuseClosedYears } from './closed-years';
import { rollInto, withCommitments } from './commitments';

export interface FixKostenbeitrag {
  approvalId: string;
  monthlyAmount: string;
  from: string;
  to: string | null;
  businessDate: string;
}

export interface ClaimKostenerstattung {
  approvalId: string;
  debtorAuthority: string;
  serviceMonth: string;
  amount: string;
  reference: string;
  businessDate: string;
}

/**
 * Kostenbeitrag (§§ 91 ff. SGB VIII) of the parents for an approval: a monthly amount from a date.
 * Its revenue is recorded per month the approval covers and reported beside the budget (R2).
 */
export function decideFixKostenbeitrag(cmd: FixKostenbeitrag, state: CaseState, facts: CaseFacts): CaseStreamEvent[] {
  assertCaseExists(state);
  approvalOf(state, cmd.approvalId);
  // R5: months of a later year of an open-ended approval are covered from 01.01. of that year.
  const rolled = rollInto(state, cmd.approvalId, yearOf(cmd.from));
  return refuseClosedYears(cmd.businessDate, state, [...rolled, ...fixKostenbeitrag(cmd, rolled.reduce(evolveCase, state))], facts);
}

function fixKostenbeitrag(cmd: FixKostenbeitrag, state: CaseState): CaseStreamEvent[] {
  const approval = approvalOf(state, cmd.approvalId);
  if (cmd.to !== null && cmd.to < cmd.from)
    refuse(
      SHARED_PROBLEMS['invalid-period'],
      text(`Das Ende ${cmd.to} liegt vor dem Beginn ${cmd.from}.`, `The end ${cmd.to} is before the start ${cmd.from}.`),
    );
  if (cmd.from < approval.start || (approval.end !== null && cmd.from > approval.end)) {
    const period = periodText(approval.start, approval.end);
    refuse(
      CASE_PROBLEMS['outside-approved-period'],
      text(
        `Ein Kostenbeitrag ab ${cmd.from} liegt außerhalb des Bewilligungszeitraums ${period.de}.`,
        `A Kostenbeitrag from ${cmd.from} lies outside the approved period ${period.en}.`,
      ),
    );
  }
  const kostenbeitragId = `${approval.approvalId}-KB${approval.kostenbeitraege.length + 1}`;
  const fixed: CaseStreamEvent = {
    type: 'KostenbeitragFixed',
    data: { kostenbeitragId, approvalId: approval.approvalId, monthlyAmount: formatAmount(new Decimal(cmd.monthlyAmount)), from: cmd.from, to: cmd.to },
  };
  return withCommitments(state, [fixed], approval.approvalId, cmd.businessDate, { recorded: 'kostenbeitrag', released: 'kostenbeitrag' });
}

/** Kostenerstattung claimed from another Jugendamt (§§ 89 ff.): revenue of the service month, never reducing consumption (R2). */
export function decideClaimKostenerstattung(cmd: ClaimKostenerstattung, state: CaseState, facts: CaseFacts): CaseStreamEvent[] {
  assertCaseExists(state);
  const approval = approvalOf(state, cmd.approvalId);
  if (!monthInPeriod(approval, cmd.serviceMonth)) {
    refuse(
      CASE_PROBLEMS['outside-approved-period'],
      text(
        `Der Leistungsmonat ${cmd.serviceMonth} liegt außerhalb des Bewilligungszeitraums von ${approval.approvalId}.`,
        `${cmd.serviceMonth} is outside the approved period of ${approval.approvalId}.`,
      ),
    );
  }
  const fiscalYear = yearOf(cmd.serviceMonth);
  const claimId = `${approval.approvalId}-KE${approval.kostenerstattungen.length + 1}`;
  const amount = formatAmount(new Decimal(cmd.amount));
  return refuseClosedYears(
    cmd.businessDate,
    state,
    [
      {
        type: 'KostenerstattungClaimed',
        data: {
          claimId,
          approvalId: approval.approvalId,
          debtorAuthority: cmd.debtorAuthority,
          serviceMonth: cmd.serviceMonth,
          amount,
          reference: cmd.reference,
        },
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
    ],
    facts,
  );
}
