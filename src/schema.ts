import { Migration } from '../libs/database/migration';
import { eventStoreMigrations } from '../libs/event-store/postgres/event-store.schema';
import { auditChainMigrations } from '../libs/event-store/audit/audit-chain.schema';
import { ledgerMigrations } from './ledger/ledger.migrations';
import { budgetMigrations } from './budgets/budget.migrations';
import { steeringMigrations } from './steering/steering.migrations';

/** Every migration of the product, from the building blocks and the domain modules. */
export const schemaMigrations: Migration[] = [
  ...eventStoreMigrations,
  ...auditChainMigrations,
  ...ledgerMigrations,
  ...budgetMigrations,
  ...steeringMigrations,
];
