import { createHash, createHmac } from 'node:crypto';
import { StoredEvent } from '../event-store.port';
import { canonicalJson } from './canonical-json';

/** Hash of everything an auditor relies on in one stored event. */
export function eventHash(event: StoredEvent): string {
  const canonical = canonicalJson({
    eventId: event.eventId,
    streamId: event.streamId,
    streamVersion: event.streamVersion,
    globalPosition: event.globalPosition.toString(),
    type: event.type,
    schemaVersion: event.stored?.schemaVersion ?? event.schemaVersion,
    data: event.stored ? event.stored.data : event.data,
    metadata: event.metadata,
    recordedAt: event.recordedAt.toISOString(),
  });
  return createHash('sha256').update(canonical).digest('hex');
}

export const GENESIS = '0'.repeat(64);

/** Each link commits to its event and to every link before it. */
export function chainHash(previous: string, event: string): string {
  return createHash('sha256').update(`${previous}:${event}`).digest('hex');
}

/** A seal binds a chain position to its hash and a time, signed with the operator's key. */
export function sealSignature(key: string, chainIndex: bigint, hash: string, sealedAt: string): string {
  return createHmac('sha256', key).update(`${chainIndex}:${hash}:${sealedAt}`).digest('hex');
}
