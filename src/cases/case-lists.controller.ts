import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Ctx } from '../../libs/auth/request-context.decorator';
import { CommandContext } from '../../libs/ddd/command-context';
import { Operation } from '../../libs/http/contract/operation.decorator';
import { Static } from '../../libs/http/contract/schema-types';
import { SHARED_PROBLEMS } from '../shared/shared-problems';
import { ApprovalPage, InvoicePage } from './cases.schemas';
import { ApprovalListQuery, InvoiceListQuery } from './queries/case-list.dtos';
import { CaseListsQuery } from './queries/case-lists.query';

@ApiTags('Einzelfallhilfen')
@ApiBearerAuth()
@Controller()
export class CaseListsController {
  constructor(private readonly lists: CaseListsQuery) {}

  @Get('approvals')
  @Operation({
    summary: 'Bewilligungen auflisten',
    description:
      'Die Bewilligungen des Mandanten, seitenweise (limit, cursor), auf Wunsch nach Sozialraum, Träger, Fall und Stand gefiltert; Nutzer eines Trägers sehen nur die eigenen, ein anderer Träger ist für sie nicht zu finden. Reihenfolge: nach approvalId.',
    answer: { status: 200, schema: ApprovalPage },
    refusals: [SHARED_PROBLEMS['provider-not-found']],
  })
  async approvals(@Ctx() ctx: CommandContext, @Query() query: ApprovalListQuery): Promise<Static<typeof ApprovalPage>> {
    return this.lists.approvals(ctx, query);
  }

  @Get('invoices')
  @Operation({
    summary: 'Rechnungen und Arbeitskörbe auflisten',
    description:
      'Die Rechnungen des Mandanten, seitenweise (limit, cursor), nach Sozialraum, Träger, Fall und Stand gefiltert; die Stände awaiting-first-verification, awaiting-second-verification und awaiting-payment-order sind die Arbeitskörbe der Rechnungsprüfung (R4). Nutzer eines Trägers sehen nur die eigenen Rechnungen, ohne die prüfende Person. Reihenfolge: älteste Einreichung zuerst (submittedAt), dann invoiceId.',
    answer: { status: 200, schema: InvoicePage },
    refusals: [SHARED_PROBLEMS['provider-not-found']],
  })
  async invoices(@Ctx() ctx: CommandContext, @Query() query: InvoiceListQuery): Promise<Static<typeof InvoicePage>> {
    return this.lists.invoices(ctx, query);
  }
}
