import { Migration } from '../libs/database/migration';
import { eventStoreMigrations } from '../libs/event-store/postgres/event-store.schema';

/** Every migration of the product, from the building blocks and the domain modules. */
export const schemaMigrations: Migration[] = [...eventStoreMigrations];
