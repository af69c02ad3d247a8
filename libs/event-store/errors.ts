import { ExpectedVersion } from './event-store.port';

export class EventStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The stream's version did not match the expectation the caller appended with. */
export class WrongExpectedVersion extends EventStoreError {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    /** The stream's version at the time of the check; null when the stream does not exist. */
    readonly actual: number | null,
  ) {
    super(`stream ${streamId}: expected version ${String(expected)}, actual ${actual ?? 'no stream'}`);
  }
}

/** An event id was appended before with different content or to another stream. */
export class EventIdConflict extends EventStoreError {
  constructor(readonly eventIds: string[]) {
    super(`event id already used for a different event: ${eventIds.join(', ')}`);
  }
}

/** The append request itself is malformed; nothing was written. */
export class InvalidAppend extends EventStoreError {
  constructor(readonly reason: string) {
    super(`invalid append: ${reason}`);
  }
}

/** The stream exists but belongs to another tenant. */
export class StreamTenantMismatch extends EventStoreError {
  constructor(readonly streamId: string) {
    super(`stream ${streamId} belongs to another tenant`);
  }
}
