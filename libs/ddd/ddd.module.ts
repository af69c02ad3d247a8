import { Global, Module } from '@nestjs/common';
import { AggregateStore } from './aggregate-store';

/**
 * Aggregates on top of the event store: the load-decide-append of every command. Needs the
 * EVENT_STORE that EventStoreModule provides (globally); the event store knows nothing of it.
 */
@Global()
@Module({ providers: [AggregateStore], exports: [AggregateStore] })
export class DddModule {}
