import { Static, TSchema, Type, TObject, TProperties, ObjectOptions } from '@sinclair/typebox';

/**
 * Building blocks for response schemas in the OpenAPI 3.0 dialect: each is a JSON Schema and a
 * TypeScript type at once, so a view function declared to return `Static<typeof X>` is checked
 * by the compiler, and its answers by the contract check of the API tests.
 */
export { Type };
export type { Static, TSchema };

/** An object with exactly these fields: an undeclared field in an answer is a contract violation. */
export function Shape<T extends TProperties>(properties: T, options: ObjectOptions = {}): TObject<T> {
  return Type.Object(properties, { additionalProperties: false, ...options });
}

/** OpenAPI 3.0 spells "or null" as `nullable: true`, not as a union with the null type. */
export function Nullable<T extends TSchema>(schema: T) {
  // An enum lists its values; null must be among them to be allowed (OpenAPI 3.0.3).
  const values = (schema as { enum?: unknown[] }).enum;
  return Type.Unsafe<Static<T> | null>({ ...schema, nullable: true, ...(values ? { enum: [...values, null] } : {}) });
}

/** One of fixed strings, as an OpenAPI enum. */
export function OneOf<const V extends readonly string[]>(values: V, options: { description?: string } = {}) {
  return Type.Unsafe<V[number]>({ type: 'string', enum: [...values], ...options });
}

/** An object keyed by arbitrary strings (a month, a category), every value of one schema. */
export function Dictionary<T extends TSchema>(values: T, options: { description?: string } = {}) {
  return Type.Unsafe<Record<string, Static<T>>>({ type: 'object', additionalProperties: values, ...options });
}

/** An EUR amount: decimal string with exactly two decimals, never a JSON number. */
export const Amount = Type.String({ pattern: '^-?\\d+\\.\\d{2}$', description: 'Betrag in EUR mit zwei Nachkommastellen', example: '1234.50' });
export const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Kalenderdatum (ISO 8601)', example: '2025-03-31' });
export const IsoMonth = Type.String({ pattern: '^\\d{4}-\\d{2}$', description: 'Monat (ISO 8601)', example: '2025-03' });
export const Timestamp = Type.String({ format: 'date-time', description: 'Zeitpunkt (ISO 8601, UTC)', example: '2025-03-31T09:15:00.000Z' });
/** A decimal that is not money: hours, percentages, ratios, as a string. */
export const Decimal = Type.String({ pattern: '^-?\\d+(\\.\\d+)?$', description: 'Dezimalzahl als Text', example: '12.5' });
/** A global position in the event log (bigint as a decimal string). */
export const LogPosition = Type.String({ pattern: '^\\d+$', description: 'Position im Ereignisprotokoll', example: '4711' });

/** One page of a keyset-paged list (libs/http/pagination): the items and the cursor of the next page. */
export function PageOf<T extends TSchema>(items: T) {
  return Shape({
    items: Type.Array(items),
    nextCursor: Nullable(Type.String({ description: 'Fortsetzungsmarke für die nächste Seite (cursor); null auf der letzten Seite' })),
  });
}
