import { Migration } from '../libs/database/migration';
import { eventStoreMigrations } from '../libs/event-store/postgres/event-store.schema';
import { auditChainMigrations } from '../libs/event-store/audit/audit-chain.schema';
import { idempotencyMigrations } from '../libs/idempotency/idempotency.schema';
import { rateLimitMigrations } from '../libs/rate-limit/rate-limit.schema';
import { textKeyMigrations } from '../libs/sealed-text/text-keys.schema';
import { ledgerMigrations } from './ledger/ledger.migrations';
import { masterDataMigrations } from './master-data/master-data.migrations';
import { budgetMigrations } from './budgets/budget.migrations';
import { flexibleMigrations } from './flexible/flexible.migrations';
import { caseMigrations } from './cases/case.migrations';
import { steeringMigrations } from './steering/steering.migrations';
import { finanzverfahrenMigrations } from './finanzverfahren/finanzverfahren.migrations';

/** Every migration of the product, from the building blocks and the domain modules. */
export const schemaMigrations: Migration[] = [
  ...eventStoreMigrations,
  ...auditChainMigrations,
  ...idempotencyMigrations,
  ...rateLimitMigrations,
  ...textKeyMigrations,
  ...ledgerMigrations,
  ...masterDataMigrations,
  ...budgetMigrations,
  ...caseMigrations,
  ...steeringMigrations,
  ...flexibleMigrations,
  ...finanzverfahrenMigrations,
];
