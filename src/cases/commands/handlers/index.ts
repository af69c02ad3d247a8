import { OpenCaseHandler } from './open-case.handler';
import { GrantApprovalHandler } from './grant-approval.handler';
import { ExtendApprovalHandler } from './extend-approval.handler';
import { ChangeScopeHandler } from './change-scope.handler';
import { TerminateApprovalHandler } from './terminate-approval.handler';
import { SubmitInvoiceHandler } from './submit-invoice.handler';
import { SubmitXRechnungHandler } from './submit-xrechnung.handler';
import { VerifyInvoiceHandler } from './verify-invoice.handler';
import { RejectInvoiceHandler } from './reject-invoice.handler';
import { OrderPaymentHandler } from './order-payment.handler';
import { ReversePaymentHandler } from './reverse-payment.handler';
import { FixKostenbeitragHandler } from './fix-kostenbeitrag.handler';
import { ClaimKostenerstattungHandler } from './claim-kostenerstattung.handler';

export const caseCommandHandlers = [
  OpenCaseHandler,
  GrantApprovalHandler,
  ExtendApprovalHandler,
  ChangeScopeHandler,
  TerminateApprovalHandler,
  SubmitInvoiceHandler,
  SubmitXRechnungHandler,
  VerifyInvoiceHandler,
  RejectInvoiceHandler,
  OrderPaymentHandler,
  ReversePaymentHandler,
  FixKostenbeitragHandler,
  ClaimKostenerstattungHandler,
];
