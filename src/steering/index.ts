/**
 * The face of steering: the module, its command service (month and year close, procedure,
 * settlement), the steering stream, and the year-end participation other capabilities declare.
 */
export { SteeringModule } from './steering.module';
export { SteeringCommandService } from './commands/steering-command.service';
export * from './domain/steering-stream';
export * from './year-end-participant';
