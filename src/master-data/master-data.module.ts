import { Module } from '@nestjs/common';
import { masterDataCommandHandlers } from './commands/handlers';
import { MasterDataQueries } from './master-data-queries';
import { MasterDataListsProjection } from './projections/master-data-lists.projection';
import { ProvidersController } from './providers.controller';
import { MasterDataListsQuery } from './queries/master-data-lists.query';
import { SozialraeumeController } from './sozialraeume.controller';

/** Tenant set-up: Sozialräume, providers, Trägerverbünde and rate agreements. */
@Module({
  controllers: [SozialraeumeController, ProvidersController],
  providers: [...masterDataCommandHandlers, MasterDataQueries, MasterDataListsQuery, MasterDataListsProjection],
  exports: [MasterDataQueries],
})
export class MasterDataModule {}
