import { SetMetadata } from '@nestjs/common';
import { CommandContext } from '../../libs/ddd/command-context';
import { by, compareNatural, inOrderOf, thenBy } from '../../libs/order';

export const YEAR_END_PARTICIPANT = 'steering:year-end-participant';

export interface PendingItem {
  kind: string;
  id: string;
  description: string;
  /** The day (Europe/Berlin) the item began to wait for the four eyes, where it does (invoices). */
  since?: string;
}

/**
 * The order of the pending work of a year, whichever participant names it and in whatever order
 * the participants are discovered: invoices, activities, subsidy instalments, each by id with
 * its numbers compared as numbers (AKT-2025-2 before AKT-2025-10).
 */
export const pendingWorkOrder = thenBy<PendingItem>(
  by((i) => i.kind, inOrderOf(['invoice', 'activity', 'instalment'])),
  by((i) => i.id, compareNatural),
);

/**
 * A capability that takes part in closing a Sozialraum-year: it names work of the year still
 * waiting (invoices or reports awaiting verification) and carries its commitments into the next
 * year (open-ended approvals).
 */
export interface YearEndParticipant {
  pendingWork(tenantId: string, sozialraumId: string, fiscalYear: number): Promise<PendingItem[]>;
  rollOver(ctx: CommandContext, sozialraumId: string, fiscalYear: number): Promise<void>;
}

export const AsYearEndParticipant = (): ClassDecorator => SetMetadata(YEAR_END_PARTICIPANT, true);
