import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { ValidationProblem, PROBLEM_CONTENT_TYPE, problem, Problem, renderProblem } from './problem';
import { HTTP_PROBLEMS } from './http-problems';
import { Text, negotiateLanguage, text } from '../text/text';
import { parseJsonBody } from './json-body';
import { toProblem } from './problem.filter';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH']);
const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/**
 * NUL and unpaired UTF-16 surrogates: PostgreSQL stores neither in text or jsonb, and no user
 * means them, so they are refused at the door instead of failing deep inside a query.
 */
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export interface FieldIssue {
  field: string;
  message: Text;
}

export function hasUnstorableCharacter(value: string): boolean {
  return UNSTORABLE.test(value);
}

/**
 * Every forbidden key (`__proto__`, `constructor`, `prototype`) and every string (key or value)
 * PostgreSQL cannot store, at any depth, with the paths the validation errors use (`a.b`,
 * `a[0].b`). Iterative; the body's depth is already bounded by the JSON parser.
 */
export function bodyIssues(body: unknown, max = 20): FieldIssue[] {
  const found: FieldIssue[] = [];
  const stack: Array<[unknown, string]> = [[body, '']];
  while (stack.length > 0 && found.length < max) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      if (hasUnstorableCharacter(value))
        found.push({
          field: path || '(body)',
          message: text(
            'enthält ein NUL-Zeichen oder ein einzelnes Surrogat, das nicht gespeichert werden kann.',
            'contains a NUL character or an unpaired surrogate, which cannot be stored.',
          ),
        });
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], `${path}[${i}]`]);
      continue;
    }
    for (const key of Object.keys(value)) {
      const child = path ? `${path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key))
        found.push({
          field: child,
          message: text(
            'ist ein verbotener Schlüssel (__proto__, constructor und prototype werden nie angenommen).',
            'is a forbidden key (__proto__, constructor and prototype are never accepted).',
          ),
        });
      else if (hasUnstorableCharacter(key))
        found.push({
          field: path || '(body)',
          message: text('hat einen Schlüssel mit einem NUL-Zeichen oder einem einzelnen Surrogat.', 'has a key with a NUL character or an unpaired surrogate.'),
        });
      else stack.push([(value as Record<string, unknown>)[key], child]);
    }
  }
  return found;
}

/** Query and path parameters that PostgreSQL could not store or compare. */
export function parameterIssues(query: unknown, params: unknown): FieldIssue[] {
  const found: FieldIssue[] = [];
  for (const [source, values] of [
    ['query', query],
    ['path', params],
  ] as const) {
    if (!values || typeof values !== 'object') continue;
    for (const [name, value] of Object.entries(values as Record<string, unknown>)) {
      const strings = Array.isArray(value) ? value : [value];
      if (strings.some((s) => typeof s === 'string' && hasUnstorableCharacter(s)) || hasUnstorableCharacter(name)) {
        found.push({
          field: name,
          message: text(
            `(${source === 'query' ? 'Abfrageparameter' : 'Pfadparameter'}) enthält ein NUL-Zeichen oder ein einzelnes Surrogat.`,
            `(${source} parameter) contains a NUL character or an unpaired surrogate.`,
          ),
        });
      }
    }
  }
  return found;
}

/** Options for the Fastify instance: request ids, and problem+json for errors raised before routing. */
export function hardenedFastifyOptions() {
  return {
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    // Malformed %-encoding and over-long path parameters are found by the router, before any hook.
    frameworkErrors: (error: { code?: string; statusCode?: number }, request: FastifyRequest, reply: FastifyReply) => {
      const language = negotiateLanguage(request.headers['accept-language']);
      const body = renderProblem(frameworkErrorProblem(error), language);
      reply
        .status(body.status)
        .header('content-type', PROBLEM_CONTENT_TYPE)
        .header('content-language', language)
        .send(JSON.stringify({ ...body, instance: safeInstance(request.url) }));
    },
    // Errors of the HTTP parser (oversized headers, garbage) never reach Fastify's request cycle;
    // the answer is written to the socket directly, as Node would, but as problem+json.
    clientErrorHandler: (error: NodeJS.ErrnoException, socket: Socket) => {
      if (error.code === 'ECONNRESET' || socket.destroyed) return;
      // The parser gave up before the headers were read: no language was asked for.
      const body = renderProblem(clientErrorProblem(error.code), 'de');
      const json = JSON.stringify(body);
      if (socket.writable) {
        socket.write(
          `HTTP/1.1 ${body.status} ${STATUS_CODES[body.status]}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${json}`,
        );
      }
      socket.destroy(error);
    },
  };
}

function frameworkErrorProblem(error: { code?: string; statusCode?: number }): Problem {
  if (error.code === 'FST_ERR_BAD_URL')
    return problem(HTTP_PROBLEMS['bad-url'], text('Die Adresse enthält eine fehlerhafte %-Kodierung.', 'The URL contains malformed percent-encoding.'));
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH')
    return problem(HTTP_PROBLEMS['uri-too-long'], text('Ein Pfadparameter ist länger als erlaubt.', 'A path parameter exceeds the maximum length.'));
  return toProblem(error).problem;
}

function clientErrorProblem(code: string | undefined): Problem {
  if (code === 'HPE_HEADER_OVERFLOW')
    return problem(
      HTTP_PROBLEMS['headers-too-large'],
      text('Die Kopfzeilen der Anfrage sind größer als erlaubt.', 'The request headers exceed the size limit.'),
    );
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT')
    return problem(HTTP_PROBLEMS['request-timeout'], text('Die Anfrage kam nicht rechtzeitig an.', 'The request was not received in time.'));
  return problem(HTTP_PROBLEMS['bad-request'], text('Die Anfrage ist kein gültiges HTTP.', 'The request is not valid HTTP.'));
}

/** The request path for `instance`, without a query and only if it is printable. */
function safeInstance(url: string | undefined): string | undefined {
  const path = url?.split('?')[0];
  return path && /^[\x21-\x7e]{1,2048}$/.test(path) ? path : undefined;
}

/**
 * Hooks every request passes before the app sees it: JSON is the only body the API reads (parsed
 * strictly), request and correlation ids, and the body and parameter checks above.
 */
export function registerRequestHardening(fastify: FastifyInstance, bodyLimit: number): void {
  // JSON only: drop the default parsers so other media types answer 415, and read JSON strictly.
  fastify.removeContentTypeParser(['text/plain', 'application/json']);
  fastify.addContentTypeParser(
    JSON_MEDIA_TYPE,
    { parseAs: 'string', bodyLimit },
    (_request: unknown, body: string, done: (error: Error | null, value?: unknown) => void) => {
      try {
        done(null, parseJsonBody(body));
      } catch (error) {
        done(error as Error);
      }
    },
  );
  fastify.addHook('onRequest', async (request: FastifyRequest & { correlationId?: string }, reply: FastifyReply) => {
    const type = request.headers['content-type'];
    if (type !== undefined && WRITE_METHODS.has(request.method) && !JSON_MEDIA_TYPE.test(type)) {
      // Nest registers a form parser of its own; JSON is the only body this API reads.
      throw Object.assign(new Error('Request bodies must be application/json'), { statusCode: 415, code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' });
    }
    const correlation = request.headers['x-correlation-id'];
    request.correlationId = typeof correlation === 'string' && REQUEST_ID.test(correlation) ? correlation : request.id;
    reply.header('x-request-id', request.id);
  });
  // Refused before anything reads the body or the parameters: the ValidationPipe would silently
  // drop forbidden keys (and merging code could be poisoned), and PostgreSQL fails on NUL.
  fastify.addHook('preValidation', async (request: FastifyRequest) => {
    const issues = [...parameterIssues(request.query, request.params), ...bodyIssues(request.body)];
    if (issues.length > 0) throw new ValidationProblem(issues);
  });
}
