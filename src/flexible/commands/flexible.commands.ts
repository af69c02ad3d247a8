import { CommandContext } from '../../../libs/ddd/command-context';
import { ActualReportDto, ApproveActivityDto, RejectActivityDto, ReportActivityDto } from './dtos/activity.dtos';
import { GrantSubsidyDto, PaymentOrderDto, ReclaimDto, ReclaimReceiptDto, UsageReportDto } from './dtos/subsidy.dtos';

/** The budget stream a flexible command acts on. */
export interface BudgetYear {
  sozialraumId: string;
  fiscalYear: number;
}

export class GrantSubsidyCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly year: BudgetYear,
    readonly dto: GrantSubsidyDto,
  ) {}
}

export class OrderInstalmentPaymentCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly year: BudgetYear,
    readonly subsidyId: string,
    readonly instalmentId: string,
    readonly dto: PaymentOrderDto,
  ) {}
}

export class ReportUsageCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly year: BudgetYear,
    readonly subsidyId: string,
    readonly dto: UsageReportDto,
  ) {}
}

export class ReclaimSubsidyCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly year: BudgetYear,
    readonly subsidyId: string,
    readonly dto: ReclaimDto,
  ) {}
}

export class ReceiveReclaimCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly year: BudgetYear,
    readonly subsidyId: string,
    readonly dto: ReclaimReceiptDto,
  ) {}
}

export class ReportActivityCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly year: BudgetYear,
    readonly dto: ReportActivityDto,
  ) {}
}

export class ApproveActivityCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly year: BudgetYear,
    readonly activityId: string,
    readonly dto: ApproveActivityDto,
  ) {}
}

export class RejectActivityCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly year: BudgetYear,
    readonly activityId: string,
    readonly dto: RejectActivityDto,
  ) {}
}

export class ReportActivityActualCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly year: BudgetYear,
    readonly activityId: string,
    readonly dto: ActualReportDto,
  ) {}
}
