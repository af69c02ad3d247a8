import { ApplySettlementHandler } from './apply-settlement.handler';
import { CalculateSettlementHandler } from './calculate-settlement.handler';
import { CloseMonthHandler } from './close-month.handler';
import { CloseProcedureHandler } from './close-procedure.handler';
import { CloseYearHandler } from './close-year.handler';
import { ConfirmSettlementHandler } from './confirm-settlement.handler';
import { DecideSupplementaryExpenditureHandler } from './decide-supplementary-expenditure.handler';
import { HoldSteeringMeetingHandler } from './hold-steering-meeting.handler';
import { ReportToKaemmereiHandler } from './report-to-kaemmerei.handler';
import { RequestSupplementaryExpenditureHandler } from './request-supplementary-expenditure.handler';

export const steeringCommandHandlers = [
  CloseMonthHandler,
  CloseYearHandler,
  CalculateSettlementHandler,
  ConfirmSettlementHandler,
  ApplySettlementHandler,
  HoldSteeringMeetingHandler,
  RequestSupplementaryExpenditureHandler,
  DecideSupplementaryExpenditureHandler,
  ReportToKaemmereiHandler,
  CloseProcedureHandler,
];
