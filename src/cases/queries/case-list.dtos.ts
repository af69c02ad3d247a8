import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, Matches } from 'class-validator';
import { IsOptional } from '../../../libs/http/validators';
import { PageQuery } from '../../../libs/http/pagination';
import { CASE_REF_MESSAGE, CASE_REF_PATTERN, CODE_MESSAGE, CODE_PATTERN } from '../../shared/identifiers';

export const INVOICE_STATUSES = [
  'awaiting-first-verification',
  'awaiting-second-verification',
  'awaiting-payment-order',
  'paid',
  'rejected',
  'reversed',
] as const;

class CaseListQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'HRO-TW' })
  @IsOptional()
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE })
  sozialraumId?: string;

  @ApiPropertyOptional({ example: 'TR-E', description: 'Nutzer eines Trägers sehen nur den eigenen Träger' })
  @IsOptional()
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE })
  providerId?: string;

  @ApiPropertyOptional({ example: 'TW-25-001' })
  @IsOptional()
  @Matches(CASE_REF_PATTERN, { message: CASE_REF_MESSAGE })
  caseRef?: string;
}

export class ApprovalListQuery extends CaseListQuery {
  @ApiPropertyOptional({ enum: ['running', 'terminated'] })
  @IsOptional()
  @IsIn(['running', 'terminated'])
  status?: string;
}

export class InvoiceListQuery extends CaseListQuery {
  @ApiPropertyOptional({
    enum: INVOICE_STATUSES,
    description: 'Work queues: awaiting-first-verification, awaiting-second-verification, awaiting-payment-order',
  })
  @IsOptional()
  @IsIn(INVOICE_STATUSES)
  status?: string;
}
