import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Operation } from '../../libs/http/contract/operation.decorator';
import { text } from '../../libs/text/text';
import { SHARED_PROBLEMS } from '../shared/shared-problems';
import { MASTER_DATA_PROBLEMS } from './master-data.problems';
import { ProviderPage, ProviderView, RateAgreementAnswer, RateAgreementList } from './master-data.schemas';
import { Ctx } from '../../libs/auth/request-context.decorator';
import { CommandContext } from '../../libs/ddd/command-context';
import { NotFound } from '../../libs/ddd/domain-error';
import { PatternPipe } from '../../libs/http/param-pipes';
import { CODE_PATTERN, CODE_TEXT } from '../shared/identifiers';
import { ChangeProviderDto, ConcludeRateAgreementDto, EndRateAgreementDto, RegisterProviderDto } from './commands/master-data.dtos';
import { ChangeProviderCommand, ConcludeRateAgreementCommand, EndRateAgreementCommand, RegisterProviderCommand } from './commands/master-data.commands';
import { MasterDataQueries } from './master-data-queries';
import { ProviderListQuery } from './queries/master-data-list.dtos';
import { MasterDataListsQuery } from './queries/master-data-lists.query';

const providerParam = new PatternPipe('providerId', CODE_PATTERN, CODE_TEXT);
const agreementParam = new PatternPipe(
  'agreementId',
  /^EV-[A-Z0-9-]{1,32}-\d{1,6}$/,
  text('muss die Kennung einer Entgeltvereinbarung wie EV-TR-E-1 sein.', 'must be a rate agreement id such as EV-TR-E-1.'),
);

function notFound(providerId: string): never {
  throw new NotFound(
    SHARED_PROBLEMS['provider-not-found'],
    text(`Der Träger ${providerId} ist nicht registriert.`, `Provider ${providerId} is not registered.`),
  );
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
  @Operation({
    summary: 'Freien Träger registrieren',
    description: 'Legt einen freien Träger mit Kennung, Name und Rechtsform an (ProviderRegistered).',
    answer: { status: 201, schema: ProviderView, location: '/providers/{providerId}' },
    refusals: [MASTER_DATA_PROBLEMS['provider-exists']],
  })
  async register(@Ctx() ctx: CommandContext, @Body() dto: RegisterProviderDto) {
    return this.commands.execute(new RegisterProviderCommand(ctx, dto));
  }

  @Get()
  @Operation({
    summary: 'Träger auflisten',
    description: 'Die freien Träger des Mandanten, seitenweise (limit, cursor). Reihenfolge: nach providerId.',
    answer: { status: 200, schema: ProviderPage },
  })
  async list(@Ctx() ctx: CommandContext, @Query() query: ProviderListQuery) {
    return this.lists.providers(ctx.tenantId, query);
  }

  @Get(':providerId')
  @Operation({
    summary: 'Einen Träger lesen',
    description: 'Name, Rechtsform und Fassung eines freien Trägers.',
    answer: { status: 200, schema: ProviderView },
    refusals: [SHARED_PROBLEMS['provider-not-found']],
  })
  async get(@Ctx() ctx: CommandContext, @Param('providerId', providerParam) providerId: string) {
    return (await this.masterData.getProvider(ctx.tenantId, providerId)) ?? notFound(providerId);
  }

  @Post(':providerId/changes')
  @HttpCode(200)
  @Operation({
    summary: 'Name oder Rechtsform eines Trägers ändern',
    description: 'Bucht einen geänderten Namen oder eine geänderte Rechtsform mit Begründung (ProviderChanged); ohne Änderung wird nichts gebucht.',
    answer: { status: 200, schema: ProviderView },
    refusals: [SHARED_PROBLEMS['provider-not-found']],
  })
  async change(@Ctx() ctx: CommandContext, @Param('providerId', providerParam) providerId: string, @Body() dto: ChangeProviderDto) {
    return this.commands.execute(new ChangeProviderCommand(ctx, providerId, dto));
  }

  @Post(':providerId/rate-agreements')
  @Operation({
    summary: 'Entgeltvereinbarung abschließen',
    description:
      'Bucht eine Entgeltvereinbarung des Trägers für eine Hilfeart (Paragraf des SGB VIII): Art und Höhe des Entgelts und Geltungszeitraum (RateAgreementConcluded). Bewilligungen übernehmen das Entgelt, das zu ihrem Beginn gilt; eine Vereinbarung, die sich mit einer bestehenden derselben Hilfeart überschneidet, wird abgelehnt (409).',
    answer: { status: 201, schema: RateAgreementAnswer, location: '/providers/{providerId}/rate-agreements' },
    refusals: [SHARED_PROBLEMS['provider-not-found'], SHARED_PROBLEMS['invalid-period'], MASTER_DATA_PROBLEMS['rate-agreement-overlap']],
  })
  async conclude(@Ctx() ctx: CommandContext, @Param('providerId', providerParam) providerId: string, @Body() dto: ConcludeRateAgreementDto) {
    const concluded = await this.commands.execute(new ConcludeRateAgreementCommand(ctx, providerId, dto));
    return { ...concluded, agreementId: concluded.agreement.agreementId };
  }

  @Get(':providerId/rate-agreements')
  @Operation({
    summary: 'Entgeltvereinbarungen eines Trägers',
    description: 'Alle Entgeltvereinbarungen eines Trägers; Nutzer eines Trägers sehen nur die eigenen. Reihenfolge: wie abgeschlossen (EV-<Träger>-1, -2, …).',
    answer: { status: 200, schema: RateAgreementList },
    refusals: [SHARED_PROBLEMS['provider-not-found']],
  })
  async agreements(@Ctx() ctx: CommandContext, @Param('providerId', providerParam) providerId: string) {
    if (ctx.providerId !== undefined && ctx.providerId !== providerId) notFound(providerId);
    if (!(await this.masterData.getProvider(ctx.tenantId, providerId))) notFound(providerId);
    const { state, version } = await this.masterData.rateAgreements(ctx.tenantId, providerId);
    return { providerId, version, items: state.agreements };
  }

  @Post(':providerId/rate-agreements/:agreementId/ending')
  @HttpCode(200)
  @Operation({
    summary: 'Entgeltvereinbarung beenden',
    description:
      'Beendet eine Entgeltvereinbarung zu validTo mit Begründung (RateAgreementEnded), etwa um Platz für eine neu verhandelte zu schaffen. Ein späteres Ende verlängert sie nicht.',
    answer: { status: 200, schema: RateAgreementAnswer },
    refusals: [
      SHARED_PROBLEMS['provider-not-found'],
      MASTER_DATA_PROBLEMS['rate-agreement-not-found'],
      SHARED_PROBLEMS['invalid-period'],
      MASTER_DATA_PROBLEMS['extension-not-allowed'],
    ],
  })
  async end(
    @Ctx() ctx: CommandContext,
    @Param('providerId', providerParam) providerId: string,
    @Param('agreementId', agreementParam) agreementId: string,
    @Body() dto: EndRateAgreementDto,
  ) {
    return { ...(await this.commands.execute(new EndRateAgreementCommand(ctx, providerId, agreementId, dto))), agreementId };
  }
}
