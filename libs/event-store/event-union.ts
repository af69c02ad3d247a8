import { StoredEvent } from './event-store.port';

/** An event of a domain's union as the log stores it: its type narrows its data. */
export type StoredEventOf<E extends { type: string; data: unknown }> = E extends unknown
  ? Omit<StoredEvent, 'type' | 'data'> & Pick<E, 'type' | 'data'>
  : never;

/**
 * A guard that recognises the stored events of a union by their type names. Given as a record,
 * the names are checked against the union both ways (none missing, none foreign); given as a
 * list, only that each belongs to it.
 */
export function eventsOf<E extends { type: string; data: unknown }>(types: Record<E['type'], true> | readonly E['type'][]) {
  const names: ReadonlySet<string> = new Set(Array.isArray(types) ? types : Object.keys(types));
  return (event: StoredEvent): event is StoredEventOf<E> => names.has(event.type);
}
