import { BudgetYearEnd } from './budget-year-end';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { budgetCommandHandlers } from './commands/handlers';
import { BudgetsController } from './budgets.controller';
import { BudgetContractsController } from './budget-contracts.controller';
import { BudgetSummaryRow } from './projections/budget-summary.entity';
import { BudgetSummaryProjection } from './projections/budget-summary.projection';
import { BudgetQueries } from './queries/budget-queries';
import { BudgetListQueryService } from './queries/budget-list.query';
import { CommittedMoney } from './committed-money';
import { MasterDataModule } from '../master-data';

@Module({
  imports: [TypeOrmModule.forFeature([BudgetSummaryRow]), MasterDataModule],
  controllers: [BudgetsController, BudgetContractsController],
  providers: [...budgetCommandHandlers, BudgetQueries, BudgetListQueryService, BudgetSummaryProjection, CommittedMoney, BudgetYearEnd],
  exports: [BudgetQueries, BudgetYearEnd],
})
export class BudgetsModule {}
