import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx } from '../../libs/auth/request-context.decorator';
import { CommandContext } from '../../libs/ddd/command-context';
import { NotFound } from '../../libs/ddd/domain-error';
import { FiscalYearPipe, PatternPipe } from '../../libs/http/param-pipes';
import { CODE_MESSAGE, CODE_PATTERN } from '../shared/identifiers';
import { NotificationQuery, NotificationsQuery } from './queries/notifications.query';
import { ProviderFiguresQuery } from './queries/provider-figures.query';
import { MasterDataQueries } from '../master-data';

@ApiTags('Steuerung')
@ApiBearerAuth()
@Controller()
export class NotificationsController {
  constructor(
    private readonly notifications: NotificationsQuery,
    private readonly providerFigures: ProviderFiguresQuery,
    private readonly masterData: MasterDataQueries,
  ) {}

  @Get('notifications')
  @ApiOperation({
    summary: 'Steering notifications (warnings, procedures, under-runs, settlements), newest first',
    description: 'Order: business date, then log position, both descending.',
  })
  list(@Ctx() ctx: CommandContext, @Query() query: NotificationQuery) {
    return this.notifications.list(ctx.tenantId, query);
  }

  @Get('provider-figures/:providerId/:fiscalYear')
  @ApiOperation({
    summary: "A provider's own figures of a year (committed, actual, forecast per Sozialraum and category); provider users see only their own",
    description: 'Order of lines: sozialraumId, in-budget before out-of-budget (by reason), category FS, FUE, FU; months ascending.',
  })
  async figures(
    @Ctx() ctx: CommandContext,
    @Param('providerId', new PatternPipe('providerId', CODE_PATTERN, CODE_MESSAGE)) providerId: string,
    @Param('fiscalYear', FiscalYearPipe) fiscalYear: number,
  ) {
    if (ctx.actor.role === 'provider' && ctx.providerId !== providerId) {
      throw new NotFound('not-found', `no figures of ${providerId} are visible to you`);
    }
    // A provider this Jugendamt has not registered has no figures here, not zero figures.
    if (!(await this.masterData.getProvider(ctx.tenantId, providerId))) {
      throw new NotFound('not-found', `no provider ${providerId} is registered`);
    }
    return this.providerFigures.figures(ctx.tenantId, providerId, fiscalYear);
  }
}
