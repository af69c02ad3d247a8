import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { refuse } from '../../../../libs/ddd/domain-error';
import { text } from '../../../../libs/text/text';
import { CASE_PROBLEMS } from '../../cases.problems';
import { MasterDataQueries } from '../../../master-data';
import { decideOpenCase } from '../../domain/approval.decisions';
import { CaseStore } from '../case-store';
import { OpenCaseCommand } from '../case.commands';

@CommandHandler(OpenCaseCommand)
export class OpenCaseHandler implements ICommandHandler<OpenCaseCommand> {
  constructor(
    private readonly cases: CaseStore,
    private readonly masterData: MasterDataQueries,
  ) {}

  async execute({ ctx, dto }: OpenCaseCommand) {
    if (!(await this.masterData.getSozialraum(ctx.tenantId, dto.sozialraumId))) {
      refuse(
        CASE_PROBLEMS['sozialraum-not-registered'],
        text(`Der Sozialraum ${dto.sozialraumId} ist nicht registriert.`, `Sozialraum ${dto.sozialraumId} is not registered.`),
      );
    }
    const command = { caseRef: dto.caseRef, sozialraumId: dto.sozialraumId };
    return this.cases.handle(ctx, dto.caseRef, { facts: async () => undefined, decide: (state) => decideOpenCase(command, state) }, { mustExist: false });
  }
}
