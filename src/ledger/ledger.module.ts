import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LedgerEntryRow } from './ledger-entry.entity';
import { LedgerJournalProjection } from './ledger-journal.projection';
import { LedgerQueries } from './ledger-queries';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([LedgerEntryRow])],
  providers: [LedgerJournalProjection, LedgerQueries],
  exports: [LedgerQueries],
})
export class LedgerModule {}
