import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Operation } from '../../libs/http/contract/operation.decorator';
import { Static } from '../../libs/http/contract/schema-types';
import { text } from '../../libs/text/text';
import { SHARED_PROBLEMS } from '../shared/shared-problems';
import { MASTER_DATA_PROBLEMS } from './master-data.problems';
import { SozialraumPage, SozialraumView } from './master-data.schemas';

import { Ctx } from '../../libs/auth/request-context.decorator';
import { CommandContext } from '../../libs/ddd/command-context';
import { NotFound } from '../../libs/ddd/domain-error';
import { PatternPipe } from '../../libs/http/param-pipes';
import { IsIsoDate, IsOptional } from '../../libs/http/validators';
import { CODE_PATTERN, CODE_TEXT } from '../shared/identifiers';
import { ChangeSozialraumDto, FormTraegerverbundDto, RegisterSozialraumDto } from './commands/master-data.dtos';
import { ChangeSozialraumCommand, FormTraegerverbundCommand, RegisterSozialraumCommand } from './commands/master-data.commands';
import { SozialraumState, sozialraumOn, traegerverbundOn } from './domain/sozialraum';
import { MasterDataQueries } from './master-data-queries';
import { SozialraumListQuery } from './queries/master-data-list.dtos';
import { MasterDataListsQuery } from './queries/master-data-lists.query';

const sozialraumParam = new PatternPipe('sozialraumId', CODE_PATTERN, CODE_TEXT);

class AsOfQuery {
  @ApiPropertyOptional({ description: 'Angaben und Trägerverbund, die an diesem Tag gelten (Vorgabe: heute)', example: '2025-06-01' })
  @IsOptional()
  @IsIsoDate()
  asOf?: string;
}

function view(state: SozialraumState, version: number, asOf: string): Static<typeof SozialraumView> {
  return {
    sozialraumId: state.sozialraumId as string,
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
  @Operation({
    summary: 'Sozialraum registrieren',
    description:
      'Legt einen Sozialraum mit Name, Einwohnern und Einwohnern unter 21 Jahren ab validFrom an (SozialraumRegistered). Die Einwohnerzahlen tragen die Verteilung der Budgets nach Bedarf (R3).',
    answer: { status: 201, schema: SozialraumView, location: '/sozialraeume/{sozialraumId}' },
    refusals: [MASTER_DATA_PROBLEMS['sozialraum-exists'], MASTER_DATA_PROBLEMS['residents-inconsistent']],
  })
  async register(@Ctx() ctx: CommandContext, @Body() dto: RegisterSozialraumDto) {
    const result = await this.commands.execute(new RegisterSozialraumCommand(ctx, dto));
    return view(result.state, result.version, dto.validFrom ?? ctx.businessDate);
  }

  @Get()
  @Operation({
    summary: 'Sozialräume auflisten',
    description:
      'Die Sozialräume des Mandanten mit den heute geltenden Angaben und dem Trägerverbund, seitenweise (limit, cursor). Reihenfolge: nach sozialraumId.',
    answer: { status: 200, schema: SozialraumPage },
  })
  async list(@Ctx() ctx: CommandContext, @Query() query: SozialraumListQuery) {
    return this.lists.sozialraeume(ctx.tenantId, query);
  }

  @Get(':sozialraumId')
  @Operation({
    summary: 'Einen Sozialraum lesen',
    description: 'Ein Sozialraum mit den Angaben und dem Trägerverbund, die zum Stichtag asOf gelten, und ihrer ganzen Geschichte.',
    answer: { status: 200, schema: SozialraumView },
    refusals: [SHARED_PROBLEMS['sozialraum-not-found']],
  })
  async get(@Ctx() ctx: CommandContext, @Param('sozialraumId', sozialraumParam) sozialraumId: string, @Query() query: AsOfQuery) {
    const { state, version } = await this.masterData.loadSozialraum(ctx.tenantId, sozialraumId);
    if (state.sozialraumId === null)
      throw new NotFound(
        SHARED_PROBLEMS['sozialraum-not-found'],
        text(`Der Sozialraum ${sozialraumId} ist nicht registriert.`, `Sozialraum ${sozialraumId} is not registered.`),
      );
    return view(state, version, query.asOf ?? ctx.businessDate);
  }

  @Post(':sozialraumId/changes')
  @Operation({
    summary: 'Geänderte Angaben eines Sozialraums buchen',
    description:
      'Bucht geänderte Angaben (Name, Einwohner) ab validFrom mit Begründung als neue Fassung (SozialraumChanged); frühere Fassungen bleiben in der Geschichte. Eine Änderung am Tag einer bestehenden Fassung berichtigt diese.',
    answer: { status: 201, schema: SozialraumView, location: '/sozialraeume/{sozialraumId}' },
    refusals: [SHARED_PROBLEMS['sozialraum-not-found'], MASTER_DATA_PROBLEMS['before-registration'], MASTER_DATA_PROBLEMS['residents-inconsistent']],
  })
  async change(@Ctx() ctx: CommandContext, @Param('sozialraumId', sozialraumParam) sozialraumId: string, @Body() dto: ChangeSozialraumDto) {
    const result = await this.commands.execute(new ChangeSozialraumCommand(ctx, sozialraumId, dto));
    return view(result.state, result.version, dto.validFrom);
  }

  @Post(':sozialraumId/traegerverbund')
  @Operation({
    summary: 'Trägerverbund bilden oder ändern',
    description:
      'Bucht den Trägerverbund des Sozialraums ab effectiveFrom: den federführenden Träger und die Mitglieder (TraegerverbundFormed). Der federführende Träger handelt in Umschichtungen und im Jahresabschluss für die Träger (R9, R10).',
    answer: { status: 201, schema: SozialraumView, location: '/sozialraeume/{sozialraumId}' },
    refusals: [
      SHARED_PROBLEMS['sozialraum-not-found'],
      SHARED_PROBLEMS['provider-not-registered'],
      MASTER_DATA_PROBLEMS['lead-among-members'],
      MASTER_DATA_PROBLEMS['duplicate-member'],
    ],
  })
  async formVerbund(@Ctx() ctx: CommandContext, @Param('sozialraumId', sozialraumParam) sozialraumId: string, @Body() dto: FormTraegerverbundDto) {
    const result = await this.commands.execute(new FormTraegerverbundCommand(ctx, sozialraumId, dto));
    return view(result.state, result.version, dto.effectiveFrom);
  }
}
