import { ChangeScopeHandler, ExtendApprovalHandler, GrantApprovalHandler, OpenCaseHandler, TerminateApprovalHandler } from './approval.handlers';
import {
  ClaimKostenerstattungHandler,
  FixKostenbeitragHandler,
  OrderPaymentHandler,
  RejectInvoiceHandler,
  ReversePaymentHandler,
  SubmitInvoiceHandler,
  VerifyInvoiceHandler,
} from './invoice.handlers';

export const caseCommandHandlers = [
  OpenCaseHandler,
  GrantApprovalHandler,
  ExtendApprovalHandler,
  ChangeScopeHandler,
  TerminateApprovalHandler,
  SubmitInvoiceHandler,
  VerifyInvoiceHandler,
  RejectInvoiceHandler,
  OrderPaymentHandler,
  ReversePaymentHandler,
  FixKostenbeitragHandler,
  ClaimKostenerstattungHandler,
];
