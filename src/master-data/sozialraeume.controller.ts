import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';

import { Ctx } from '../../libs/auth/request-context.decorator';
import { CommandContext } from '../../libs/ddd/command-context';
import { NotFound } from '../../libs/ddd/domain-error';
import { PatternPipe } from '../../libs/http/param-pipes';
import { IsIsoDate, IsOptional } from '../../libs/http/validators';
import { CODE_MESSAGE, CODE_PATTERN } from '../shared/identifiers';
import { ChangeSozialraumDto, FormTraegerverbundDto, RegisterSozialraumDto } from './commands/master-data.dtos';
import { ChangeSozialraumCommand, FormTraegerverbundCommand, RegisterSozialraumCommand } from './commands/master-data.commands';
import { SozialraumState, sozialraumOn, traegerverbundOn } from './domain/sozialraum';
import { MasterDataQueries } from './master-data-queries';
import { SozialraumListQuery } from './queries/master-data-list.dtos';
import { MasterDataListsQuery } from './queries/master-data-lists.query';

const sozialraumParam = new PatternPipe('sozialraumId', CODE_PATTERN, CODE_MESSAGE);

class AsOfQuery {
  @ApiPropertyOptional({ description: 'Facts and Trägerverbund in force on this date (default today)', example: '2025-06-01' })
  @IsOptional()
  @IsIsoDate()
  asOf?: string;
}

function view(state: SozialraumState, version: number, asOf: string) {
  return {
    sozialraumId: state.sozialraumId,
    version,
    asOf,
    current: sozialraumOn(state, asOf),
    traegerverbund: traegerverbundOn(state, asOf),
    history: state.versions,
    traegerverbundHistory: state.verbund,
  };
}

@ApiTags('Stammdaten')
@ApiBearerAuth()
@Controller('sozialraeume')
export class SozialraeumeController {
  constructor(
    private readonly commands: CommandBus,
    private readonly masterData: MasterDataQueries,
    private readonly lists: MasterDataListsQuery,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Register a Sozialraum (name, residents, residents under 21, valid from)' })
  async register(@Ctx() ctx: CommandContext, @Body() dto: RegisterSozialraumDto) {
    const result = await this.commands.execute(new RegisterSozialraumCommand(ctx, dto));
    return view(result.state, result.version, dto.validFrom ?? ctx.businessDate);
  }

  @Get()
  @ApiOperation({ summary: 'List the Sozialräume of the tenant (limit/cursor)', description: 'Order: by sozialraumId.' })
  async list(@Ctx() ctx: CommandContext, @Query() query: SozialraumListQuery) {
    return this.lists.sozialraeume(ctx.tenantId, query);
  }

  @Get(':sozialraumId')
  @ApiOperation({ summary: 'A Sozialraum with its facts and Trägerverbund as of a date, and their whole history' })
  async get(@Ctx() ctx: CommandContext, @Param('sozialraumId', sozialraumParam) sozialraumId: string, @Query() query: AsOfQuery) {
    const { state, version } = await this.masterData.loadSozialraum(ctx.tenantId, sozialraumId);
    if (state.sozialraumId === null) throw new NotFound('sozialraum-not-found', `Sozialraum ${sozialraumId} is not registered`);
    return view(state, version, query.asOf ?? ctx.businessDate);
  }

  @Post(':sozialraumId/changes')
  @ApiOperation({ summary: 'Record changed facts (name, residents) valid from a date; the history is kept' })
  async change(@Ctx() ctx: CommandContext, @Param('sozialraumId', sozialraumParam) sozialraumId: string, @Body() dto: ChangeSozialraumDto) {
    const result = await this.commands.execute(new ChangeSozialraumCommand(ctx, sozialraumId, dto));
    return view(result.state, result.version, dto.validFrom);
  }

  @Post(':sozialraumId/traegerverbund')
  @ApiOperation({ summary: 'Form (or change) the Trägerverbund: lead provider and members from an effective date' })
  async formVerbund(@Ctx() ctx: CommandContext, @Param('sozialraumId', sozialraumParam) sozialraumId: string, @Body() dto: FormTraegerverbundDto) {
    const result = await this.commands.execute(new FormTraegerverbundCommand(ctx, sozialraumId, dto));
    return view(result.state, result.version, dto.effectiveFrom);
  }
}
