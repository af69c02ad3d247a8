import { randomUUID } from 'node:crypto';
import { AppendOptions, ExpectedVersion, NewEvent } from './event-store.port';
import { InvalidAppend } from './errors';

export const MAX_EVENT_DATA_BYTES = 1024 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface ValidatedEvent {
  eventId: string;
  type: string;
  schemaVersion: number;
  /** Plain JSON values (checked), so their canonical JSON is that of what reads back from jsonb. */
  data: unknown;
  metadata: unknown;
  dataJson: string;
  metadataJson: string;
  businessDate: string | null;
}

export interface ValidatedAppend {
  tenantId: string;
  expected: ExpectedVersion;
  events: ValidatedEvent[];
}

/** Checks an append request before anything touches the database; throws InvalidAppend. */
export function validateAppend(streamId: string, events: NewEvent[], options: AppendOptions): ValidatedAppend {
  if (typeof streamId !== 'string' || streamId.length === 0 || streamId.length > 200) {
    throw new InvalidAppend('stream id must be a non-empty string of at most 200 characters');
  }
  const expected = validateExpected(options?.expected);
  if (!Array.isArray(events) || events.length === 0) throw new InvalidAppend('event list is empty');
  if (events.length > 1000) throw new InvalidAppend('at most 1000 events per append');

  const tenantId = events[0]?.metadata?.tenantId;
  const ids = new Set<string>();
  const validated = events.map((event, index) => {
    const where = `event ${index}`;
    if (!event || typeof event !== 'object') throw new InvalidAppend(`${where} is not an object`);
    if (typeof event.type !== 'string' || !/^[A-Za-z][A-Za-z0-9._-]{0,99}$/.test(event.type)) {
      throw new InvalidAppend(`${where}: type must be an identifier`);
    }
    const schemaVersion = event.schemaVersion ?? 1;
    if (!Number.isInteger(schemaVersion) || schemaVersion < 1) throw new InvalidAppend(`${where}: schemaVersion must be a positive integer`);
    const eventId = event.eventId ?? randomUUID();
    if (!UUID.test(eventId)) throw new InvalidAppend(`${where}: eventId must be a UUID`);
    const normalisedId = eventId.toLowerCase();
    if (ids.has(normalisedId)) throw new InvalidAppend(`${where}: eventId ${eventId} appears twice in one append`);
    ids.add(normalisedId);

    assertJson(event.data, `${where}.data`);
    const dataJson = JSON.stringify(event.data);
    if (Buffer.byteLength(dataJson, 'utf8') > MAX_EVENT_DATA_BYTES) throw new InvalidAppend(`${where}: data exceeds 1 MiB`);

    const metadata = event.metadata;
    if (!metadata || typeof metadata !== 'object') throw new InvalidAppend(`${where}: metadata missing`);
    if (typeof metadata.tenantId !== 'string' || metadata.tenantId.length === 0) throw new InvalidAppend(`${where}: metadata.tenantId missing`);
    if (metadata.tenantId !== tenantId) throw new InvalidAppend(`${where}: all events of one append must belong to one tenant`);
    const actor = metadata.actor;
    if (
      !actor ||
      typeof actor.userId !== 'string' ||
      !actor.userId ||
      typeof actor.role !== 'string' ||
      !actor.role ||
      typeof actor.organisationId !== 'string' ||
      !actor.organisationId
    ) {
      throw new InvalidAppend(`${where}: metadata.actor needs userId, role and organisationId`);
    }
    if (typeof metadata.correlationId !== 'string' || metadata.correlationId.length === 0) throw new InvalidAppend(`${where}: metadata.correlationId missing`);
    const businessDate = metadata.businessDate ?? null;
    if (businessDate !== null && (typeof businessDate !== 'string' || !DATE.test(businessDate))) {
      throw new InvalidAppend(`${where}: metadata.businessDate must be an ISO calendar date`);
    }
    assertJson(metadata, `${where}.metadata`);
    return {
      eventId: normalisedId,
      type: event.type,
      schemaVersion,
      data: event.data,
      metadata,
      dataJson,
      metadataJson: JSON.stringify(metadata),
      businessDate,
    };
  });
  return { tenantId: tenantId as string, expected, events: validated };
}

function validateExpected(expected: unknown): ExpectedVersion {
  if (expected === 'no_stream' || expected === 'stream_exists' || expected === 'any') return expected;
  if (typeof expected === 'number' && Number.isSafeInteger(expected) && expected >= 0) return expected;
  throw new InvalidAppend(`unknown expected version ${JSON.stringify(expected) ?? String(expected)}`);
}

/** Only plain JSON values: null, booleans, finite numbers, strings, arrays and plain objects. */
function assertJson(value: unknown, path: string, seen: Set<object> = new Set()): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new InvalidAppend(`${path} is not JSON (non-finite number)`);
    return;
  }
  if (typeof value !== 'object') throw new InvalidAppend(`${path} is not JSON (${typeof value})`);
  if (seen.has(value)) throw new InvalidAppend(`${path} is not JSON (circular)`);
  seen.add(value);
  if (Array.isArray(value)) {
    value.forEach((item, i) => assertJson(item, `${path}[${i}]`, seen));
  } else {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) throw new InvalidAppend(`${path} is not JSON (${proto?.constructor?.name ?? 'object'})`);
    for (const [key, item] of Object.entries(value)) assertJson(item, `${path}.${key}`, seen);
  }
  seen.delete(value);
}
