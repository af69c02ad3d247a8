import { named } from '../http/contract/named-schemas';
import { OneOf, Shape, Type } from '../http/contract/schema-types';

const Indicators = Type.Record(
  Type.String(),
  Type.Unsafe<Record<string, unknown>>({
    type: 'object',
    additionalProperties: true,
    properties: { status: { type: 'string', enum: ['up', 'down', 'degraded'] } },
    required: ['status'],
  }),
);

export const HealthCheck = named(
  'HealthCheck',
  Shape({
    status: OneOf(['ok', 'error', 'degraded', 'shutting_down'] as const),
    info: Type.Optional(Indicators),
    error: Type.Optional(Indicators),
    details: Indicators,
  }),
  'Ergebnis einer Gesundheitsprüfung: je Prüfung up oder down, mit Begründung',
);
