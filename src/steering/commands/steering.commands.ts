import { Command } from '@nestjs/cqrs';
import { Handled } from '../../../libs/ddd/aggregate-store';
import { CommandContext } from '../../../libs/ddd/command-context';
import { BudgetStreamEvent, SozialraumBudgetState } from '../../budgets';
import { SteeringEvent } from '../domain/steering.events';
import { SteeringState } from '../domain/steering-stream';
import {
  BusinessDateDto,
  CloseProcedureDto,
  KaemmereiReportDto,
  MonthCloseDto,
  SteeringMeetingDto,
  SupplementaryDecisionDto,
  SupplementaryRequestDto,
  YearCloseDto,
} from './steering.dtos';

/** A decision on the steering stream of a Sozialraum-year: its state and version after it. */
export type SteeringHandled = Handled<SteeringState, SteeringEvent>;

export class CloseMonthCommand extends Command<SteeringHandled> {
  constructor(
    readonly ctx: CommandContext,
    readonly sozialraumId: string,
    readonly fiscalYear: number,
    readonly dto: MonthCloseDto,
  ) {
    super();
  }
}

/** Decided on the budget stream (the year close is the budget's), after steering has looked up the pending work. */
export class CloseYearCommand extends Command<Handled<SozialraumBudgetState, BudgetStreamEvent>> {
  constructor(
    readonly ctx: CommandContext,
    readonly sozialraumId: string,
    readonly fiscalYear: number,
    readonly dto: YearCloseDto,
  ) {
    super();
  }
}

export class CalculateSettlementCommand extends Command<SteeringHandled> {
  constructor(
    readonly ctx: CommandContext,
    readonly sozialraumId: string,
    readonly fiscalYear: number,
    readonly dto: BusinessDateDto,
  ) {
    super();
  }
}

export class ConfirmSettlementCommand extends Command<SteeringHandled> {
  constructor(
    readonly ctx: CommandContext,
    readonly sozialraumId: string,
    readonly fiscalYear: number,
    readonly dto: BusinessDateDto,
  ) {
    super();
  }
}

export class ApplySettlementCommand extends Command<SteeringHandled> {
  constructor(
    readonly ctx: CommandContext,
    readonly sozialraumId: string,
    readonly fiscalYear: number,
    readonly dto: BusinessDateDto,
  ) {
    super();
  }
}

export class HoldSteeringMeetingCommand extends Command<SteeringHandled> {
  constructor(
    readonly ctx: CommandContext,
    readonly sozialraumId: string,
    readonly fiscalYear: number,
    readonly dto: SteeringMeetingDto,
  ) {
    super();
  }
}

export class RequestSupplementaryExpenditureCommand extends Command<SteeringHandled> {
  constructor(
    readonly ctx: CommandContext,
    readonly sozialraumId: string,
    readonly fiscalYear: number,
    readonly dto: SupplementaryRequestDto,
  ) {
    super();
  }
}

export class DecideSupplementaryExpenditureCommand extends Command<SteeringHandled> {
  constructor(
    readonly ctx: CommandContext,
    readonly sozialraumId: string,
    readonly fiscalYear: number,
    readonly requestId: string,
    readonly dto: SupplementaryDecisionDto,
  ) {
    super();
  }
}

export class ReportToKaemmereiCommand extends Command<SteeringHandled> {
  constructor(
    readonly ctx: CommandContext,
    readonly sozialraumId: string,
    readonly fiscalYear: number,
    readonly dto: KaemmereiReportDto,
  ) {
    super();
  }
}

export class CloseProcedureCommand extends Command<SteeringHandled> {
  constructor(
    readonly ctx: CommandContext,
    readonly sozialraumId: string,
    readonly fiscalYear: number,
    readonly dto: CloseProcedureDto,
  ) {
    super();
  }
}
