import type { OpenAPIObject } from '@nestjs/swagger';

const WRITE_METHODS = ['post', 'put', 'patch', 'delete'] as const;

/**
 * What every operation honours beyond its own parameters, stated in the document so that clients
 * generated from it send it: the bearer token (all but the public routes), and on every write the
 * Idempotency-Key and If-Match headers (every command answers a repeated key from its stored
 * answer and checks If-Match against the version of the stream it decides on).
 */
export function declareCommonContract(document: OpenAPIObject, publicPaths: ReadonlySet<string>): OpenAPIObject {
  document.security = [{ bearer: [] }];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', ...WRITE_METHODS] as const) {
      const operation = item[method];
      if (!operation) continue;
      if (publicPaths.has(path)) operation.security = [];
      if (!(WRITE_METHODS as readonly string[]).includes(method)) continue;
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
