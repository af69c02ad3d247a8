import type { OpenAPIObject } from '@nestjs/swagger';
import { AUTH_PROBLEMS } from '../auth/auth-problems';
import { DDD_PROBLEMS } from '../ddd/ddd-problems';
import { ProblemKind } from '../ddd/problem-kind';
import { IDEMPOTENCY_PROBLEMS } from '../idempotency/idempotency-problems';
import { namedSchemas } from './contract/named-schemas';
import { HTTP_PROBLEMS } from './http-problems';
import { PROBLEM_CONTENT_TYPE, problemType } from './problem';

const WRITE_METHODS = ['post', 'put', 'patch', 'delete'] as const;
const METHODS = ['get', ...WRITE_METHODS] as const;

/** What any request can meet: a parameter that fails validation (also NUL in a query), overload. */
const EVERY_OPERATION: ProblemKind[] = [HTTP_PROBLEMS['validation-failed'], HTTP_PROBLEMS['rate-limited'], HTTP_PROBLEMS['database-unavailable']];
/** Reads and commands may wait for a projection that is behind (PROJECTION_WAIT_MS). */
const BEHIND: ProblemKind[] = [HTTP_PROBLEMS['projection-behind']];
/** What the bearer token and the role matrix refuse. */
const AUTHENTICATED: ProblemKind[] = [AUTH_PROBLEMS.unauthenticated, AUTH_PROBLEMS.forbidden, AUTH_PROBLEMS['rate-limited']];
/** What a write can meet before and after its command decides: body, headers, races, repeated keys. */
const WRITES: ProblemKind[] = [
  HTTP_PROBLEMS['malformed-json'],
  HTTP_PROBLEMS['bad-request'],
  HTTP_PROBLEMS['payload-too-large'],
  HTTP_PROBLEMS['unsupported-media-type'],
  HTTP_PROBLEMS['invalid-event'],
  DDD_PROBLEMS['concurrent-modification'],
  DDD_PROBLEMS['stale-version'],
  IDEMPOTENCY_PROBLEMS['idempotency-key-in-use'],
  IDEMPOTENCY_PROBLEMS['idempotent-request-applied'],
  IDEMPOTENCY_PROBLEMS['idempotency-key-reused'],
];
/** Answers that may say when to come back. */
const RETRY_STATUSES = new Set([409, 429, 503]);

const PROBLEM_SCHEMA = {
  type: 'object',
  description: 'Fehlerbeschreibung nach RFC 9457; `type` ist der stabile Schlüssel, Titel und Text sind deutsch oder (Accept-Language: en) englisch.',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string', description: 'Art des Problems, /problems/<name>', example: '/problems/validation-failed' },
    title: { type: 'string', description: 'Titel der Problemart', example: 'Die Anfrage ist ungültig' },
    status: { type: 'integer', example: 400 },
    detail: { type: 'string', description: 'Was an dieser Anfrage falsch war', example: 'reason: fehlt; das Feld ist Pflicht.' },
    instance: { type: 'string', description: 'Pfad der Anfrage', example: '/cases/TW-25-001/invoices/TW-25-001-B1-R1/rejection' },
    errors: {
      type: 'array',
      description: 'Bei ungültigen Angaben: je Feld ein Satz, was falsch ist',
      items: {
        type: 'object',
        required: ['field', 'message'],
        additionalProperties: false,
        properties: { field: { type: 'string', example: 'reason' }, message: { type: 'string', example: 'fehlt; das Feld ist Pflicht.' } },
      },
    },
  },
  additionalProperties: true,
};

const header = (description: string) => ({ description, schema: { type: 'string' } });

export interface ContractOptions {
  /** Paths served without a token (health). */
  publicPaths: ReadonlySet<string>;
  /** In production: the identity provider's discovery document, declared as a security scheme. */
  oidcDiscoveryUrl?: string;
  /** Who may call an operation (method and the route as `/cases/:caseRef`), from the role matrix. */
  rolesOf?: (method: string, route: string) => readonly string[] | undefined;
  /** What a path or query parameter of this name means, for those whose declaration does not say. */
  parameters?: Readonly<Record<string, { description: string; example: unknown }>>;
}

/**
 * What every operation honours and answers beyond its own declaration (see Operation): the bearer
 * token (all but the public routes), on every write Idempotency-Key and If-Match, and for every
 * status it can refuse with a problem+json answer whose `type` lists the problems of that status:
 * the operation's own refusals and those every read, write or authenticated call can meet.
 */
export function declareCommonContract(document: OpenAPIObject, options: ContractOptions): OpenAPIObject {
  document.components = document.components ?? {};
  document.components.schemas = { ...(document.components.schemas ?? {}), ...namedSchemas(), Problem: PROBLEM_SCHEMA } as never;
  if (options.oidcDiscoveryUrl) {
    document.components.securitySchemes = {
      ...document.components.securitySchemes,
      oidc: { type: 'openIdConnect', openIdConnectUrl: options.oidcDiscoveryUrl, description: 'Anmeldung beim Identitätsanbieter der Kommune' },
    };
    document.security = [{ bearer: [] }, { oidc: [] }];
  } else {
    document.security = [{ bearer: [] }];
  }
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const isPublic = options.publicPaths.has(path);
      const isWrite = (WRITE_METHODS as readonly string[]).includes(method);
      if (isPublic) operation.security = [];
      describeParameters(operation, options.parameters ?? {});
      const roles = options.rolesOf?.(method.toUpperCase(), path.replace(/\{([A-Za-z]+)\}/g, ':$1'));
      if (roles) operation.description = `${operation.description ?? ''}\n\nRollen: ${roles.join(', ')}.`.trim();
      const extended = operation as unknown as Record<string, unknown>;
      const own = (extended['x-refusals'] ?? []) as Array<{ name: string; status: number }>;
      delete extended['x-refusals'];
      // A public operation (health) answers for itself when the database is away.
      const common = isPublic ? EVERY_OPERATION.filter((kind) => kind.status !== 503) : [...AUTHENTICATED, ...EVERY_OPERATION, ...BEHIND];
      const kinds = [...common, ...(isWrite ? WRITES : []), ...own];
      declareProblems(operation, kinds);
      if (!isWrite) continue;
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        if (Number(status) < 300 && response && 'description' in response) {
          response.headers = {
            ...response.headers,
            'Idempotency-Replayed': header('true, wenn die Antwort die gespeicherte einer früheren Anfrage mit demselben Idempotency-Key ist'),
          };
        }
      }
      operation.parameters = [
        ...(operation.parameters ?? []),
        {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description:
            'Schlüssel der Anfrage (1–255 sichtbare ASCII-Zeichen, 24 Stunden je Nutzer gespeichert): eine Wiederholung mit demselben Schlüssel bucht nie doppelt, sondern erhält die gespeicherte Antwort.',
          schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,255}$' },
          example: '7f3c2a9e-4b1d-4c8e-9a55-2d0e6f1b8c43',
        },
        {
          name: 'If-Match',
          in: 'header',
          required: false,
          description:
            'ETag der gelesenen Fassung ("3"): ist sie nicht mehr aktuell, antwortet der Server 412 und schreibt nichts. * bedeutet jede aktuelle Fassung.',
          schema: { type: 'string' },
          example: '"3"',
        },
      ];
    }
  }
  return document;
}

/**
 * Path and query parameters with a description and an example: from their declaration, else from
 * the catalogue of parameter names, an example else from the schema's default or first value.
 */
function describeParameters(operation: Operation, catalogue: NonNullable<ContractOptions['parameters']>): void {
  for (const parameter of operation.parameters ?? []) {
    if (!('in' in parameter) || (parameter.in !== 'path' && parameter.in !== 'query')) continue;
    const known = catalogue[parameter.name];
    const schema = (parameter.schema ?? {}) as { example?: unknown; default?: unknown; enum?: unknown[] };
    if (!parameter.description && known) parameter.description = known.description;
    if (parameter.example === undefined && schema.example === undefined) {
      const example = known?.example ?? schema.default ?? schema.enum?.[0];
      if (example !== undefined) parameter.example = example;
    }
  }
}

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;

function declareProblems(operation: Operation, kinds: readonly { name: string; status: number }[]): void {
  const byStatus = new Map<number, Set<string>>();
  for (const kind of kinds) byStatus.set(kind.status, (byStatus.get(kind.status) ?? new Set()).add(kind.name));
  operation.responses = operation.responses ?? {};
  for (const [status, names] of [...byStatus.entries()].sort(([a], [b]) => a - b)) {
    if (operation.responses[status]) throw new Error(`${operation.operationId}: ${status} is declared both as an answer and as a refusal`);
    const types = [...names].sort().map(problemType);
    operation.responses[status] = {
      description: `Abgelehnt: ${[...names].sort().join(', ')}`,
      headers: {
        'Content-Language': header('Sprache von title und detail: de oder en'),
        ...(RETRY_STATUSES.has(status) ? { 'Retry-After': header('Sekunden, nach denen eine Wiederholung Aussicht hat') } : {}),
        ...(names.has('idempotent-request-applied')
          ? { Location: header('Bei idempotent-request-applied: wo die schon gebuchte Ressource jetzt zu lesen ist') }
          : {}),
      },
      content: {
        [PROBLEM_CONTENT_TYPE]: {
          schema: {
            allOf: [
              { $ref: '#/components/schemas/Problem' },
              { type: 'object', properties: { type: { type: 'string', enum: types }, status: { type: 'integer', enum: [status] } } },
            ],
          },
        },
      },
    };
  }
}

/** The document as committed in docs/openapi.json: keys in a fixed order, two-space indent. */
export function serialiseDocument(document: OpenAPIObject): string {
  return `${JSON.stringify(sortKeys(document), null, 2)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}
