import { StoredEvent } from '../../libs/event-store/event-store.port';

let position = 0n;

/**
 * A stored event for the specs of projections' row functions: what the log would hand a
 * consumer, with positions counting on and defaults for what a spec does not care about.
 */
export function stored(
  streamId: string,
  event: { type: string; data: unknown; businessDate?: string | null },
  overrides: Partial<Omit<StoredEvent, 'type' | 'data'>> = {},
): StoredEvent {
  position += 1n;
  const tenantId = streamId.slice(0, streamId.indexOf('/'));
  return {
    eventId: `00000000-0000-4000-8000-${position.toString().padStart(12, '0')}`,
    streamId,
    streamVersion: 1,
    globalPosition: position,
    transactionId: 1000n + position,
    type: event.type,
    schemaVersion: 1,
    data: event.data,
    recordedAt: new Date('2025-03-01T09:30:00.000Z'),
    ...overrides,
    metadata: {
      tenantId,
      actor: { userId: 'u-1', role: 'wjh', organisationId: tenantId },
      correlationId: 'c-1',
      businessDate: event.businessDate === undefined ? '2025-03-01' : event.businessDate,
      ...overrides.metadata,
    },
  };
}
