import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';

import { Ctx } from '../../libs/auth/request-context.decorator';
import { CommandContext } from '../../libs/ddd/command-context';
import { NotFound } from '../../libs/ddd/domain-error';
import { PatternPipe } from '../../libs/http/param-pipes';
import { IsIsoDate, IsOptional } from '../../libs/http/validators';
import { CODE_MESSAGE, CODE_PATTERN } from '../shared/identifiers';
import { ConcludeContractVersionDto } from './commands/budget.dtos';
import { ConcludeContractVersionCommand } from './commands/budget.commands';
import { contractInForce } from './domain/budget-contract';
import { BudgetQueries } from './queries/budget-queries';
import { MasterDataQueries } from '../master-data';

const sozialraumParam = new PatternPipe('sozialraumId', CODE_PATTERN, CODE_MESSAGE);

class ContractQuery {
  @ApiPropertyOptional({ description: 'The version in force on this date is returned as inForce (default today)', example: '2025-06-01' })
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
  @ApiOperation({ summary: 'Conclude a contract version with an effective date; omitted parameters take the rule book defaults' })
  async conclude(@Ctx() ctx: CommandContext, @Param('sozialraumId', sozialraumParam) sozialraumId: string, @Body() dto: ConcludeContractVersionDto) {
    const result = await this.commands.execute(new ConcludeContractVersionCommand(ctx, sozialraumId, dto));
    return { ...result, inForce: contractInForce({ versions: result.versions }, dto.effectiveFrom) };
  }

  @Get(':sozialraumId')
  @ApiOperation({ summary: 'All versions of the budget contract and the version in force on a date' })
  async get(@Ctx() ctx: CommandContext, @Param('sozialraumId', sozialraumParam) sozialraumId: string, @Query() query: ContractQuery) {
    if (!(await this.directory.sozialraumExists(ctx.tenantId, sozialraumId))) {
      throw new NotFound('sozialraum-not-found', `Sozialraum ${sozialraumId} is not registered`);
    }
    const { state, version } = await this.queries.contractVersions(ctx.tenantId, sozialraumId);
    return { sozialraumId, version, versions: state.versions, inForce: contractInForce(state, query.asOf ?? ctx.businessDate) };
  }
}
