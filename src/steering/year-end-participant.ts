import { SetMetadata } from '@nestjs/common';
import { CommandContext } from '../../libs/ddd/command-context';

export const YEAR_END_PARTICIPANT = 'steering:year-end-participant';

export interface PendingItem {
  kind: string;
  id: string;
  description: string;
}

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
