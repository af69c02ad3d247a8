import { CommandContext } from '../../../libs/ddd/command-context';
import { AllocateBudgetDto, AmendBudgetDto, ConcludeContractVersionDto, FreezeDto, ProposeReallocationDto, ReasonDto } from './budget.dtos';

export class ConcludeContractVersionCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly sozialraumId: string,
    readonly dto: ConcludeContractVersionDto,
  ) {}
}

export class AllocateBudgetCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly dto: AllocateBudgetDto,
  ) {}
}

export class OpenBudgetCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly sozialraumId: string,
    readonly fiscalYear: number,
    readonly dto: ReasonDto,
  ) {}
}

export class AmendBudgetCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly sozialraumId: string,
    readonly fiscalYear: number,
    readonly dto: AmendBudgetDto,
  ) {}
}

export class ProposeReallocationCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly sozialraumId: string,
    readonly fiscalYear: number,
    readonly dto: ProposeReallocationDto,
  ) {}
}

export type ReallocationAnswer = 'agree' | 'reject' | 'withdraw';

export class AnswerReallocationCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly sozialraumId: string,
    readonly fiscalYear: number,
    readonly proposalId: string,
    readonly answer: ReallocationAnswer,
    readonly dto: ReasonDto,
  ) {}
}

export class FreezeBudgetCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly sozialraumId: string,
    readonly fiscalYear: number,
    readonly imposed: boolean,
    readonly dto: FreezeDto,
  ) {}
}

export interface BudgetCommandResult {
  sozialraumId: string;
  fiscalYear: number;
  version: number;
  events: string[];
}
