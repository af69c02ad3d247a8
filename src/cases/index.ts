/** The face of individual help: the case stream (state and events) and its commands. */
export { CasesModule } from './cases.module';
export * from './commands/case.commands';
export * from './domain/case-state';
export * from './domain/case.events';
