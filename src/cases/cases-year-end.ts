import { Injectable } from '@nestjs/common';
import { startOfYear } from '../../libs/calendar';
import { CommandContext, onBusinessDate } from '../../libs/ddd/command-context';
import { ProjectionRunner } from '../../libs/event-store/nest/projection-runner';
import { AsYearEndParticipant, PendingItem, YearEndParticipant } from '../steering';
import { CaseStore } from './commands/case-store';
import { decideRollOver } from './domain/approval.decisions';
import { CaseListsQuery } from './queries/case-lists.query';

/** What an open invoice still waits for, as the pending work of the year says it. */
const AWAITING: Record<string, string> = {
  'awaiting-first-verification': 'wartet auf die Prüfung „sachlich richtig“',
  'awaiting-second-verification': 'wartet auf die Prüfung „rechnerisch richtig“',
  'awaiting-payment-order': 'wartet auf die Zahlungsanordnung',
};

/** Individual help at year close: invoices still in verification block it; open-ended approvals roll on. */
@Injectable()
@AsYearEndParticipant()
export class CasesYearEnd implements YearEndParticipant {
  constructor(
    private readonly lists: CaseListsQuery,
    private readonly cases: CaseStore,
    private readonly projections: ProjectionRunner,
  ) {}

  async pendingWork(tenantId: string, sozialraumId: string, fiscalYear: number): Promise<PendingItem[]> {
    await this.projections.waitFor('case-lists');
    const rows = await this.lists.pendingOf(tenantId, sozialraumId, fiscalYear);
    return rows.map((r) => ({
      kind: 'invoice',
      id: r.invoice_id,
      description: `Rechnung ${r.invoice_id} des Falls ${r.case_ref} für ${r.service_month} ${AWAITING[r.status] ?? `steht im Status ${r.status}`}`,
      since: r.submitted_on,
    }));
  }

  async rollOver(ctx: CommandContext, sozialraumId: string, fiscalYear: number): Promise<void> {
    await this.projections.waitFor('case-lists');
    // The roll-over counts on 01.01. of the next year (R5), whenever the year is closed.
    const dated = onBusinessDate(ctx, startOfYear(fiscalYear + 1));
    const command = { fiscalYear };
    for (const caseRef of await this.lists.openEndedCases(ctx.tenantId, sozialraumId)) {
      await this.cases.handle(dated, caseRef, {
        facts: async (state) => ({ closedYears: await this.cases.closedYears(ctx.tenantId, state, state.approvalOrder, [dated.businessDate]) }),
        decide: (state, facts) => decideRollOver(command, state, facts),
      });
    }
  }
}
