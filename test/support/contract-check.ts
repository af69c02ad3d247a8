import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { OpenAPIObject } from '@nestjs/swagger';

/** Headers of the API's own whose presence the document must declare for the status. */
const DECLARED_HEADERS = ['etag', 'location', 'idempotency-replayed', 'retry-after', 'content-language'];
const JSON_TYPES = ['application/json', 'application/problem+json'];

type Operation = { responses?: Record<string, { headers?: Record<string, unknown>; content?: Record<string, { schema?: unknown }> }> };

/**
 * Every answer the API gives in a test is checked against the committed contract: the status must
 * be declared for the operation, the API's own headers declared for that status, and a JSON body
 * must validate against the declared schema (which allows no undeclared field). A violation turns
 * the answer into a 500 naming it, so the test that caused it fails and says why. Which operation
 * answered which status is recorded for the coverage report (test/support/contract-reporter.js).
 */
export function checkContract(fastify: FastifyInstance, document: OpenAPIObject, options: { record?: boolean } = {}): void {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: 'api.json', components: document.components }, 'api.json');
  const validators = new Map<string, ValidateFunction>();
  const seen = new Set<string>();
  const coverageDir = options.record === false ? undefined : process.env.CONTRACT_COVERAGE_DIR;
  if (coverageDir) mkdirSync(coverageDir, { recursive: true });

  fastify.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const route = request.routeOptions?.url;
    if (!route) return payload;
    const path = route.replace(/:([A-Za-z]+)/g, '{$1}');
    const method = request.method.toLowerCase();
    const operation = (document.paths[path] as Record<string, Operation> | undefined)?.[method];
    if (!operation) return payload;
    const name = `${request.method} ${path}`;
    const status = reply.statusCode;
    const violations = violationsOf(operation, status, reply, payload, (schema) => validatorFor(ajv, validators, `${name} ${status}`, schema));
    if (coverageDir && !seen.has(`${name} ${status}`)) {
      seen.add(`${name} ${status}`);
      appendFileSync(join(coverageDir, `${process.pid}.jsonl`), `${JSON.stringify({ operation: name, status, violations: violations.length })}\n`);
    }
    if (violations.length === 0) return payload;
    // An undeclared status (a 500 above all) shows what the API answered, so its cause can be found.
    const answered = typeof payload === 'string' && !operation.responses?.[String(status)] ? ` — it answered ${payload.slice(0, 400)}` : '';
    const message = `contract violation by ${name} answering ${status}: ${violations.join('; ')}${answered}`;
    console.error(message);
    reply.code(500).header('content-type', 'application/problem+json');
    for (const header of DECLARED_HEADERS) reply.removeHeader(header);
    return JSON.stringify({ type: '/problems/contract-violation', title: 'Contract violation', status: 500, detail: message });
  });
}

function violationsOf(operation: Operation, status: number, reply: FastifyReply, payload: unknown, validator: (schema: unknown) => ValidateFunction): string[] {
  const declared = operation.responses?.[String(status)];
  if (!declared) return [`status ${status} is not declared (declared: ${Object.keys(operation.responses ?? {}).join(', ')})`];
  const violations: string[] = [];
  const declaredHeaders = new Set(Object.keys(declared.headers ?? {}).map((h) => h.toLowerCase()));
  for (const header of DECLARED_HEADERS) {
    if (reply.getHeader(header) !== undefined && !declaredHeaders.has(header)) violations.push(`header ${header} is not declared`);
  }
  const contentType = String(reply.getHeader('content-type') ?? '')
    .split(';')[0]
    .trim();
  const content = declared.content ?? {};
  // A file rendered whole (an XLSX workbook) arrives as a Buffer: its content type is checked like a text's.
  const binary = Buffer.isBuffer(payload);
  if (!contentType || (typeof payload !== 'string' && !binary)) return violations;
  if (!content[contentType]) return [...violations, `content type ${contentType} is not declared (declared: ${Object.keys(content).join(', ') || 'none'})`];
  const schema = content[contentType].schema;
  if (binary || !JSON_TYPES.includes(contentType) || !schema) return violations;
  let body: unknown;
  try {
    body = JSON.parse(payload);
  } catch {
    return [...violations, 'the body is not JSON'];
  }
  const validate = validator(schema);
  if (!validate(body)) {
    violations.push(
      ...(validate.errors ?? [])
        .slice(0, 8)
        .map((e) => `body${e.instancePath} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${e.params.additionalProperty})` : ''}`),
    );
  }
  return violations;
}

function validatorFor(ajv: Ajv, cache: Map<string, ValidateFunction>, key: string, schema: unknown): ValidateFunction {
  let validate = cache.get(key);
  if (!validate) {
    validate = ajv.compile(JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, '"api.json#/components/')));
    cache.set(key, validate);
  }
  return validate;
}
