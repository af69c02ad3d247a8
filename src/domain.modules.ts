import { Type } from '@nestjs/common';
import { LedgerModule } from './ledger/ledger.module';
import { PrivacyModule } from './privacy/privacy.module';
import { MasterDataModule } from './master-data/master-data.module';
import { FlexibleModule } from './flexible/flexible.module';
import { CasesModule } from './cases/cases.module';
import { BudgetsModule } from './budgets/budgets.module';
import { SteeringModule } from './steering/steering.module';
import { DemoModule } from './demo/demo.module';
import { AuditModule } from './audit/audit.module';
import { WirkungModule } from './wirkung/wirkung.module';
import { FinanzverfahrenModule } from './finanzverfahren/finanzverfahren.module';

/** The domain capabilities the entry points compose. */
export const domainModules: Type<unknown>[] = [
  PrivacyModule,
  LedgerModule,
  MasterDataModule,
  BudgetsModule,
  CasesModule,
  FlexibleModule,
  SteeringModule,
  WirkungModule,
  FinanzverfahrenModule,
  AuditModule,
  DemoModule,
];
