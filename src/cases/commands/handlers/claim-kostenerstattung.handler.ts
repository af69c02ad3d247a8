import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { onBusinessDate } from '../../../../libs/ddd/command-context';
import { ClaimKostenerstattung, decideClaimKostenerstattung } from '../../domain/revenue.decisions';
import { CaseStore } from '../case-store';
import { ClaimKostenerstattungCommand } from '../case.commands';

@CommandHandler(ClaimKostenerstattungCommand)
export class ClaimKostenerstattungHandler implements ICommandHandler<ClaimKostenerstattungCommand> {
  constructor(private readonly cases: CaseStore) {}

  async execute({ ctx, caseRef, dto }: ClaimKostenerstattungCommand) {
    const dated = onBusinessDate(ctx, dto.businessDate);
    const command: ClaimKostenerstattung = { ...dto, businessDate: dated.businessDate };
    return this.cases.handle(dated, caseRef, {
      facts: async (state) => ({
        closedYears: await this.cases.closedYears(ctx.tenantId, state, [command.approvalId], [command.businessDate, command.serviceMonth]),
      }),
      decide: (state, facts) => decideClaimKostenerstattung(command, state, facts),
    });
  }
}
