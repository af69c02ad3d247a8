import { Module } from '@nestjs/common';
import { BudgetsModule } from '../budgets';
import { MasterDataModule } from '../master-data';
import { SteeringModule } from '../steering';
import { WirkungCommands } from './wirkung-commands';
import { WirkungController } from './wirkung.controller';
import { WirkungEvaluator } from './wirkung-evaluator';
import { WirkungLog } from './wirkung-log';
import { WirkungMeasurements } from './wirkung-measurements';
import { WirkungViews } from './wirkung-views';

/** Steering along Wirksamkeitsindikatoren (R12): catalogue, statistics, reported values, target agreements, evaluation. */
@Module({
  imports: [BudgetsModule, MasterDataModule, SteeringModule],
  controllers: [WirkungController],
  providers: [WirkungLog, WirkungMeasurements, WirkungCommands, WirkungViews, WirkungEvaluator],
})
export class WirkungModule {}
