import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx } from '../../libs/auth/request-context.decorator';
import { CommandContext } from '../../libs/ddd/command-context';
import { ApprovalListQuery, InvoiceListQuery } from './queries/case-list.dtos';
import { CaseListsQuery } from './queries/case-lists.query';

@ApiTags('Einzelfallhilfen')
@ApiBearerAuth()
@Controller()
export class CaseListsController {
  constructor(private readonly lists: CaseListsQuery) {}

  @Get('approvals')
  @ApiOperation({
    summary: 'Approvals (filter by Sozialraum, provider, case, status; provider users see only their own)',
    description: 'Order: by approvalId.',
  })
  async approvals(@Ctx() ctx: CommandContext, @Query() query: ApprovalListQuery) {
    return this.lists.approvals(ctx, query);
  }

  @Get('invoices')
  @ApiOperation({
    summary: 'Invoices and work queues (status awaiting-first-verification, awaiting-second-verification, awaiting-payment-order)',
    description: 'Order: oldest submission first (submittedAt), then invoiceId.',
  })
  async invoices(@Ctx() ctx: CommandContext, @Query() query: InvoiceListQuery) {
    return this.lists.invoices(ctx, query);
  }
}
