/**
 * Maps stored (type, schemaVersion) shapes to the current one when events are read, so the
 * domain only ever folds current shapes and old events are never rewritten.
 */
/** Event data are JSON objects; a step takes one stored shape and returns the next. */
export type EventData = Record<string, unknown>;
export type Upcast = (data: EventData) => EventData;

export class UpcasterRegistry {
  private readonly steps = new Map<string, Upcast>();

  /** Registers the step from `fromVersion` to `fromVersion + 1` for an event type. */
  register(type: string, fromVersion: number, upcast: Upcast): this {
    const key = `${type}@${fromVersion}`;
    if (this.steps.has(key)) throw new Error(`upcaster for ${key} registered twice`);
    this.steps.set(key, upcast);
    return this;
  }

  /** The schema version new events of a type are written with: one past the last registered step. */
  currentVersion(type: string): number {
    let version = 1;
    while (this.steps.has(`${type}@${version}`)) version += 1;
    return version;
  }

  upcast(type: string, schemaVersion: number, data: unknown): { schemaVersion: number; data: unknown } {
    let version = schemaVersion;
    let current = data;
    for (let step = this.steps.get(`${type}@${version}`); step; step = this.steps.get(`${type}@${version}`)) {
      current = step(current as EventData);
      version += 1;
    }
    return { schemaVersion: version, data: current };
  }
}
