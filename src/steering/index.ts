/**
 * The face of steering: the module, its commands (month and year close, procedure, settlement;
 * executed on the CommandBus), the steering stream, and the year-end participation other
 * capabilities declare.
 */
export { SteeringModule } from './steering.module';
export * from './commands/steering.commands';
export * from './domain/steering-stream';
export * from './year-end-participant';
export * from './settlement-evaluations';
export * from './domain/performance-evaluation';
export { SettlementFigures } from './domain/settlement';
export { BookEvent, BookView, visible } from './domain/book-event';
export { LedgerBook } from './domain/ledger-book';
export { SozialraumYearReplay } from './replay/sozialraum-year-replay';
export { SteeringQueries, toBookView } from './queries/steering-queries';
export { BookViewQuery } from './queries/book-view.dto';
export { CsvQuery } from './queries/book-view.dto';
export { calculateSettlement } from './domain/settlement';
export { steeringDecider as steeringStreamDecider } from './domain/steering-stream';
export { PerformanceEvaluationSchema } from './steering.schemas';
export { steeringParameters } from './queries/steering-exports';
