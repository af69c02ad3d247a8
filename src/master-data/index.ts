/** The face of master data: Sozialräume with their dated facts, providers, Trägerverbund, rate agreements. */
export { MasterDataModule } from './master-data.module';
export * from './master-data-queries';
export * from './commands/master-data.commands';
