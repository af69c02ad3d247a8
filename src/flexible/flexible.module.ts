import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActivitiesController } from './activities.controller';
import { flexibleCommandHandlers } from './commands/handlers';
import { FlexibleController } from './flexible.controller';
import { FlexibleYearEnd } from './flexible-year-end';
import { FlexibleActivityRow } from './projections/flexible-activity.entity';
import { FlexibleListsProjection } from './projections/flexible-lists.projection';
import { FlexibleSubsidyRow } from './projections/flexible-subsidy.entity';
import { FlexibleListsQuery } from './queries/flexible-lists.query';
import { FlexibleQueries } from './queries/flexible-queries';
import { SubsidiesController } from './subsidies.controller';
import { MasterDataModule } from '../master-data';

@Module({
  imports: [TypeOrmModule.forFeature([FlexibleSubsidyRow, FlexibleActivityRow]), MasterDataModule],
  controllers: [SubsidiesController, ActivitiesController, FlexibleController],
  providers: [...flexibleCommandHandlers, FlexibleQueries, FlexibleListsQuery, FlexibleListsProjection, FlexibleYearEnd],
})
export class FlexibleModule {}
