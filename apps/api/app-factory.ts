import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from '@fastify/helmet';
import { LogLevel, LoggerService } from '@nestjs/common';
import { ApiModule, ApiModuleOptions } from './api.module';
import { createValidationPipe } from '../../libs/http/validation';
import { ValidationProblem } from '../../libs/http/problem';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH']);
const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The paths (as the validation errors name them: `a.b`, `a[0].b`) of every `__proto__`,
 * `constructor` or `prototype` key in a parsed JSON body, at any depth. Iterative, so a deeply
 * nested body cannot exhaust the stack.
 */
export function forbiddenKeyPaths(body: unknown, max = 20): string[] {
  const found: string[] = [];
  const stack: Array<[unknown, string]> = [[body, '']];
  while (stack.length > 0 && found.length < max) {
    const [value, path] = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], `${path}[${i}]`]);
      continue;
    }
    for (const key of Object.keys(value)) {
      const child = path ? `${path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key)) found.push(child);
      else stack.push([(value as Record<string, unknown>)[key], child]);
    }
  }
  return found;
}

/** Builds the HTTP API (not yet listening); used by the entry point and by the API tests. */
export async function createApiApp(options: ApiModuleOptions & { logger?: LoggerService | LogLevel[] | false }): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: options.config.bodyLimitBytes,
    // The parser keeps such keys as plain own data properties; the preValidation hook below refuses
    // every body that has one, naming the field, before any code of the app sees it.
    onProtoPoisoning: 'ignore',
    onConstructorPoisoning: 'ignore',
    // Off unless TRUST_PROXY names the proxies: otherwise clients could choose their address
    // (and so their rate-limit bucket) with X-Forwarded-For.
    trustProxy: options.config.trustProxy,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(options), adapter, {
    logger: options.logger === undefined ? ['error', 'warn', 'log'] : options.logger,
    bufferLogs: false,
  });
  const fastify = app.getHttpAdapter().getInstance();

  // JSON only: drop the default text parser so other media types answer 415.
  fastify.removeContentTypeParser(['text/plain']);
  fastify.addHook('onRequest', async (request: any, reply) => {
    const type = request.headers['content-type'];
    if (type !== undefined && WRITE_METHODS.has(request.method) && !JSON_MEDIA_TYPE.test(type)) {
      // Nest registers a form parser of its own; JSON is the only body this API reads.
      throw Object.assign(new Error('Request bodies must be application/json'), { statusCode: 415, code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' });
    }
    const correlation = request.headers['x-correlation-id'];
    request.correlationId = typeof correlation === 'string' && REQUEST_ID.test(correlation) ? correlation : request.id;
    reply.header('x-request-id', request.id);
  });
  // `__proto__`, `constructor` and `prototype` keys are refused at any depth, before anything reads
  // the body (the ValidationPipe would silently drop them, and merging code could be poisoned).
  fastify.addHook('preValidation', async (request: any) => {
    const paths = forbiddenKeyPaths(request.body);
    if (paths.length > 0) throw new ValidationProblem(paths.map((field) => ({ field, message: 'is a forbidden key (__proto__, constructor and prototype are never accepted)' })));
  });
  // Errors raised by Fastify before routing (body parsing, size) and unknown routes reach Nest's
  // handlers and so the ProblemDetailsFilter: every error answers as problem+json.

  await app.register(helmet as any, {
    contentSecurityPolicy: {
      directives: { defaultSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'], scriptSrc: ["'self'", "'unsafe-inline'"] },
    },
  });
  app.useGlobalPipes(createValidationPipe());

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Sozialraumbudget – Finanzsteuerung')
      .setDescription(
        'Event-sourced budget steering for sozialraumorientierte Kinder- und Jugendhilfe. Amounts are EUR decimal strings ' +
          '("1234.50"), dates ISO calendar dates. Errors are RFC 9457 problem+json. Writes accept Idempotency-Key; ' +
          'aggregate responses carry an ETag that If-Match can name.',
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
