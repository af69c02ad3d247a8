/** The face of flexible money: its commands, events and the flexible view of the budget stream. */
export { FlexibleModule } from './flexible.module';
export * from './commands/flexible.commands';
export * from './domain/flexible-budget';
export * from './domain/flexible.events';
