import { Module } from '@nestjs/common';
import { BudgetsModule } from '../budgets';
import { MasterDataModule } from '../master-data';
import { CaseListsController } from './case-lists.controller';
import { CasesController } from './cases.controller';
import { CasesYearEnd } from './cases-year-end';
import { CaseUpcasters } from './case-upcasters';
import { CaseStore } from './commands/case-store';
import { InvoiceDocuments } from './commands/invoice-documents';
import { LeitwegIds } from './commands/leitweg-ids';
import { caseCommandHandlers } from './commands/handlers';
import { CaseListsProjection } from './projections/case-lists.projection';
import { CaseListsQuery } from './queries/case-lists.query';

/** Individual legal entitlements: approvals, invoices with four-eyes verification, payments, revenue. */
@Module({
  imports: [BudgetsModule, MasterDataModule],
  controllers: [CasesController, CaseListsController],
  providers: [CaseUpcasters, ...caseCommandHandlers, CaseStore, InvoiceDocuments, LeitwegIds, CaseListsQuery, CaseListsProjection, CasesYearEnd],
})
export class CasesModule {}
