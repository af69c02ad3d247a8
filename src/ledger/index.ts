/**
 * The face of the ledger: the money-movement events every capability emits (commitments,
 * actuals, revenue), how they read as lines of a book, and the journal's queries.
 */
export * from './ledger-events';
export * from './ledger-lines';
export { LedgerQueries } from './ledger-queries';
export { LedgerModule } from './ledger.module';
