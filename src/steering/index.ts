/**
 * The face of steering: the module, its commands (month and year close, procedure, settlement;
 * executed on the CommandBus), the steering stream, and the year-end participation other
 * capabilities declare.
 */
export { SteeringModule } from './steering.module';
export * from './commands/steering.commands';
export * from './domain/steering-stream';
export * from './year-end-participant';
