import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from '@fastify/helmet';
import { LogLevel, LoggerService } from '@nestjs/common';
import { ApiModule, ApiModuleOptions } from './api.module';
import { createValidationPipe } from '../../libs/http/validation';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH']);
const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Builds the HTTP API (not yet listening); used by the entry point and by the API tests. */
export async function createApiApp(options: ApiModuleOptions & { logger?: LoggerService | LogLevel[] | false }): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: options.config.bodyLimitBytes,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    trustProxy: true,
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
