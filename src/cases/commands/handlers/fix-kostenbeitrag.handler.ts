import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { onBusinessDate } from '../../../../libs/ddd/command-context';
import { FixKostenbeitrag, decideFixKostenbeitrag } from '../../domain/revenue.decisions';
import { CaseStore } from '../case-store';
import { FixKostenbeitragCommand } from '../case.commands';

@CommandHandler(FixKostenbeitragCommand)
export class FixKostenbeitragHandler implements ICommandHandler<FixKostenbeitragCommand> {
  constructor(private readonly cases: CaseStore) {}

  async execute({ ctx, caseRef, dto }: FixKostenbeitragCommand) {
    const dated = onBusinessDate(ctx, dto.businessDate);
    const command: FixKostenbeitrag = {
      approvalId: dto.approvalId,
      monthlyAmount: dto.monthlyAmount,
      from: dto.from,
      to: dto.to ?? null,
      businessDate: dated.businessDate,
    };
    return this.cases.handle(dated, caseRef, {
      facts: async (state) => ({
        closedYears: await this.cases.closedYears(ctx.tenantId, state, [command.approvalId], [command.businessDate, command.from, command.to]),
      }),
      decide: (state, facts) => decideFixKostenbeitrag(command, state, facts),
    });
  }
}
