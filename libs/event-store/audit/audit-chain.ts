import { createHash, createHmac } from 'node:crypto';
import { StoredEvent } from '../event-store.port';

/**
 * JSON with sorted keys (by UTF-16 code units, as Array.prototype.sort without a comparator) and
 * no white space: the same event always hashes the same, however its JSON was ordered. Keys whose
 * value is undefined are left out, as JSON.stringify does. Runs for every event appended and
 * verified, hence the plain loops.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = '[';
    // An undefined item adds nothing, as it did with Array.prototype.join (never in stored JSON).
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + (canonicalJson(value[i]) ?? '');
    return `${out}]`;
  }
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const item = object[key];
    if (item === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${canonicalJson(item)}`;
    first = false;
  }
  return `${out}}`;
}

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
