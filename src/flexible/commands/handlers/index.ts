import { ApproveActivityHandler } from './approve-activity.handler';
import { GrantSubsidyHandler } from './grant-subsidy.handler';
import { OrderInstalmentPaymentHandler } from './order-instalment-payment.handler';
import { ReceiveReclaimHandler } from './receive-reclaim.handler';
import { ReclaimSubsidyHandler } from './reclaim-subsidy.handler';
import { RejectActivityHandler } from './reject-activity.handler';
import { ReportActivityActualHandler } from './report-activity-actual.handler';
import { ReportActivityHandler } from './report-activity.handler';
import { ReportUsageHandler } from './report-usage.handler';

export const flexibleCommandHandlers = [
  GrantSubsidyHandler,
  OrderInstalmentPaymentHandler,
  ReportUsageHandler,
  ReclaimSubsidyHandler,
  ReceiveReclaimHandler,
  ReportActivityHandler,
  ApproveActivityHandler,
  RejectActivityHandler,
  ReportActivityActualHandler,
];
