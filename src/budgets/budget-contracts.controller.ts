import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';

import { Ctx } from '../../libs/auth/request-context.decorator';
import { CommandContext } from '../../libs/ddd/command-context';
import { NotFound } from '../../libs/ddd/domain-error';
import { Operation } from '../../libs/http/contract/operation.decorator';
import { Static } from '../../libs/http/contract/schema-types';
import { PatternPipe } from '../../libs/http/param-pipes';
import { IsIsoDate, IsOptional } from '../../libs/http/validators';
import { text } from '../../libs/text/text';
import { CODE_PATTERN, CODE_TEXT } from '../shared/identifiers';
import { SHARED_PROBLEMS } from '../shared/shared-problems';
import { BUDGET_PROBLEMS } from './budgets.problems';
import { BudgetContractView, ContractVersionAnswer } from './budgets.schemas';
import { ConcludeContractVersionDto } from './commands/budget.dtos';
import { ConcludeContractVersionCommand } from './commands/budget.commands';
import { contractInForce } from './domain/budget-contract';
import { BudgetQueries } from './queries/budget-queries';
import { MasterDataQueries } from '../master-data';

const sozialraumParam = new PatternPipe('sozialraumId', CODE_PATTERN, CODE_TEXT);

class ContractQuery {
  @ApiPropertyOptional({ description: 'Die an diesem Tag geltende Fassung wird als inForce gezeigt (Vorgabe: heute)', example: '2025-06-01' })
  @IsOptional()
  @IsIsoDate()
  asOf?: string;
}

@ApiTags('Budgetverträge')
@ApiBearerAuth()
@Controller('budget-contracts')
export class BudgetContractsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: BudgetQueries,
    private readonly directory: MasterDataQueries,
  ) {}

  @Post(':sozialraumId/versions')
  @Operation({
    summary: 'Fassung des Budgetvertrags abschließen',
    description:
      'Schließt für einen Sozialraum eine Fassung des Budgetvertrags ab, die ab effectiveFrom gilt (BudgetContractVersionConcluded): die Parameter des Regelwerks (Korridor, Schwellen, Quoten, Obergrenzen, Umfang R1, Wertgrenzen R9); nicht genannte Parameter erhalten die Vorgaben des Regelwerks. Fassungen werden in der Reihenfolge des Abschlusses nummeriert; eine Fassung kann nicht in einem abgeschlossenen Haushaltsjahr in Kraft treten.',
    answer: { status: 201, schema: ContractVersionAnswer, location: '/budget-contracts/{sozialraumId}' },
    refusals: [SHARED_PROBLEMS['sozialraum-not-found'], SHARED_PROBLEMS['fiscal-year-closed'], BUDGET_PROBLEMS['contract-version-exists']],
  })
  async conclude(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sozialraumParam) sozialraumId: string,
    @Body() dto: ConcludeContractVersionDto,
  ): Promise<Static<typeof ContractVersionAnswer>> {
    const result = await this.commands.execute(new ConcludeContractVersionCommand(ctx, sozialraumId, dto));
    return { ...result, inForce: contractInForce({ versions: result.versions }, dto.effectiveFrom) };
  }

  @Get(':sozialraumId')
  @Operation({
    summary: 'Budgetvertrag eines Sozialraums lesen',
    description:
      'Alle Fassungen des Budgetvertrags eines Sozialraums, nach Wirksamkeitsdatum, und die am Tag asOf geltende (inForce). Gilt an dem Tag keine Fassung, sind es die Vorgaben des Regelwerks ohne Fassungsnummer.',
    answer: { status: 200, schema: BudgetContractView },
    refusals: [SHARED_PROBLEMS['sozialraum-not-found']],
  })
  async get(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sozialraumParam) sozialraumId: string,
    @Query() query: ContractQuery,
  ): Promise<Static<typeof BudgetContractView>> {
    if (!(await this.directory.sozialraumExists(ctx.tenantId, sozialraumId))) {
      throw new NotFound(
        SHARED_PROBLEMS['sozialraum-not-found'],
        text(`Der Sozialraum ${sozialraumId} ist nicht registriert.`, `Sozialraum ${sozialraumId} is not registered.`),
      );
    }
    const { state, version } = await this.queries.contractVersions(ctx.tenantId, sozialraumId);
    return { sozialraumId, version, versions: state.versions, inForce: contractInForce(state, query.asOf ?? ctx.businessDate) };
  }
}
