import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx } from '../../libs/auth/request-context.decorator';
import { CommandContext } from '../../libs/ddd/command-context';
import { NotFound } from '../../libs/ddd/domain-error';
import { PatternPipe } from '../../libs/http/param-pipes';
import { CODE_MESSAGE, CODE_PATTERN } from '../shared/identifiers';
import { ChangeProviderDto, ConcludeRateAgreementDto, EndRateAgreementDto, RegisterProviderDto } from './commands/master-data.dtos';
import { ChangeProviderCommand, ConcludeRateAgreementCommand, EndRateAgreementCommand, RegisterProviderCommand } from './commands/master-data.commands';
import { MasterDataQueries } from './master-data-queries';
import { ProviderListQuery } from './queries/master-data-list.dtos';
import { MasterDataListsQuery } from './queries/master-data-lists.query';

const providerParam = new PatternPipe('providerId', CODE_PATTERN, CODE_MESSAGE);
const agreementParam = new PatternPipe('agreementId', /^EV-[A-Z0-9-]{1,32}-\d{1,6}$/, 'must be a rate agreement id such as EV-TR-E-1');

function notFound(providerId: string): never {
  throw new NotFound('provider-not-found', `provider ${providerId} is not registered`);
}

@ApiTags('Stammdaten')
@ApiBearerAuth()
@Controller('providers')
export class ProvidersController {
  constructor(
    private readonly commands: CommandBus,
    private readonly masterData: MasterDataQueries,
    private readonly lists: MasterDataListsQuery,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Register a freier Träger (id, name, legal form)' })
  async register(@Ctx() ctx: CommandContext, @Body() dto: RegisterProviderDto) {
    return this.commands.execute(new RegisterProviderCommand(ctx, dto));
  }

  @Get()
  @ApiOperation({ summary: 'List the providers of the tenant (limit/cursor)', description: 'Order: by providerId.' })
  async list(@Ctx() ctx: CommandContext, @Query() query: ProviderListQuery) {
    return this.lists.providers(ctx.tenantId, query);
  }

  @Get(':providerId')
  @ApiOperation({ summary: 'A provider' })
  async get(@Ctx() ctx: CommandContext, @Param('providerId', providerParam) providerId: string) {
    return (await this.masterData.getProvider(ctx.tenantId, providerId)) ?? notFound(providerId);
  }

  @Post(':providerId/changes')
  @HttpCode(200)
  @ApiOperation({ summary: 'Change name or legal form of a provider, with reason' })
  async change(@Ctx() ctx: CommandContext, @Param('providerId', providerParam) providerId: string, @Body() dto: ChangeProviderDto) {
    return this.commands.execute(new ChangeProviderCommand(ctx, providerId, dto));
  }

  @Post(':providerId/rate-agreements')
  @ApiOperation({ summary: 'Conclude an Entgeltvereinbarung for one kind of help; overlapping validity is refused (409)' })
  async conclude(@Ctx() ctx: CommandContext, @Param('providerId', providerParam) providerId: string, @Body() dto: ConcludeRateAgreementDto) {
    return this.commands.execute(new ConcludeRateAgreementCommand(ctx, providerId, dto));
  }

  @Get(':providerId/rate-agreements')
  @ApiOperation({ summary: 'Rate agreements of a provider (provider users: only their own)', description: 'Order: as concluded (EV-<provider>-1, -2, …).' })
  async agreements(@Ctx() ctx: CommandContext, @Param('providerId', providerParam) providerId: string) {
    if (ctx.providerId !== undefined && ctx.providerId !== providerId) notFound(providerId);
    if (!(await this.masterData.getProvider(ctx.tenantId, providerId))) notFound(providerId);
    const { state, version } = await this.masterData.rateAgreements(ctx.tenantId, providerId);
    return { providerId, version, items: state.agreements };
  }

  @Post(':providerId/rate-agreements/:agreementId/ending')
  @HttpCode(200)
  @ApiOperation({ summary: 'End a rate agreement on a date (to make room for a renegotiated one)' })
  async end(
    @Ctx() ctx: CommandContext,
    @Param('providerId', providerParam) providerId: string,
    @Param('agreementId', agreementParam) agreementId: string,
    @Body() dto: EndRateAgreementDto,
  ) {
    return this.commands.execute(new EndRateAgreementCommand(ctx, providerId, agreementId, dto));
  }
}
