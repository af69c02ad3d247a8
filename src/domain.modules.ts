import { Type } from '@nestjs/common';
import { LedgerModule } from './ledger/ledger.module';
import { BudgetsModule } from './budgets/budgets.module';
import { SteeringModule } from './steering/steering.module';

/** The domain capabilities the entry points compose. */
export const domainModules: Type<unknown>[] = [
  LedgerModule,
  BudgetsModule,
  SteeringModule,
];
