import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LogLevel, LoggerService } from '@nestjs/common';
import { ApiModule, ApiModuleOptions } from './api.module';
import { createProcessLog } from '../../libs/config/app-logger';
import { AppLog } from '../../libs/logging/app-log';
import { registerRequestLog } from '../../libs/logging/request-log';
import { AppMetrics } from '../../libs/metrics/app-metrics';
import { registerHttpMetrics, registerMetricsEndpoint } from '../../libs/metrics/http-metrics';
import { createValidationPipe } from '../../libs/http/validation';
import { hardenedFastifyOptions, registerRequestHardening } from '../../libs/http/request-hardening';
import { declareCommonContract } from '../../libs/http/openapi-document';
import { routeKey } from '../../libs/auth/auth.guard';
import { roleMatrix } from '../../src/shared/role-matrix';
import { API_PARAMETERS } from '../../src/shared/api-parameters';

/**
 * The web app (built by Vite into dist/web) under /app/, a prefix no API route uses; `/` leads
 * there. Looked for beside the compiled entry point (dist/apps/api → dist/web) and, when the API
 * runs from source (tests), in the repository's dist/web.
 */
async function serveWebApp(app: NestFastifyApplication): Promise<void> {
  const root = [join(__dirname, '../../web'), join(__dirname, '../../dist/web')].find((dir) => existsSync(join(dir, 'index.html')));
  const fastify = app.getHttpAdapter().getInstance();
  fastify.get('/', (_request, reply) => reply.redirect('/app/', 302));
  if (!root) {
    fastify.get('/app/', (_request, reply) =>
      reply.code(503).type('text/plain; charset=utf-8').send('Die Web-Anwendung ist nicht gebaut: npm run build:web (npm start baut sie selbst).'),
    );
    return;
  }
  await app.register(fastifyStatic, { root, prefix: '/app/', decorateReply: false, index: ['index.html'] });
}

const documents = new WeakMap<NestFastifyApplication, OpenAPIObject>();

/** The OpenAPI document an app built by createApiApp serves at /docs-json. */
export function apiDocumentOf(app: NestFastifyApplication): OpenAPIObject {
  const document = documents.get(app);
  if (!document) throw new Error('the app was not built by createApiApp');
  return document;
}

/** Builds the HTTP API (not yet listening); used by the entry point and by the API tests. */
export async function createApiApp(
  options: ApiModuleOptions & {
    logger?: LoggerService | LogLevel[] | false;
    /** The request log (one line per answered request); none without it. */
    log?: AppLog;
  },
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: options.config.bodyLimitBytes,
    // Off unless TRUST_PROXY names the proxies: otherwise clients could choose their address
    // (and so their rate-limit bucket) with X-Forwarded-For.
    trustProxy: options.config.trustProxy,
    ...hardenedFastifyOptions(),
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(options), adapter, {
    logger: options.logger === undefined ? createProcessLog('api', 'info').nest : options.logger,
    bufferLogs: false,
    // The request hardening registers the only body parser: strict JSON.
    bodyParser: false,
  });
  const fastify = app.getHttpAdapter().getInstance();

  // The strict JSON parser keeps `__proto__` and `constructor` keys as plain own properties; the
  // hardening hooks refuse every body that has one, naming the field, before the app sees it.
  // Errors raised by Fastify before routing (body parsing, size) and unknown routes reach Nest's
  // handlers and so the ProblemDetailsFilter: every error answers as problem+json.
  registerRequestHardening(fastify, options.config.bodyLimitBytes);
  if (options.log) registerRequestLog(fastify, options.log);
  const metrics = app.get(AppMetrics);
  registerHttpMetrics(fastify, metrics);
  registerMetricsEndpoint(fastify, metrics, { token: options.config.metrics.token, networks: options.config.metrics.allow });

  // The web app talks to the identity provider itself (discovery, token, renewal in a frame).
  const identityProvider = options.config.auth.mode === 'oidc' ? [new URL(options.config.auth.issuer).origin] : [];
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        connectSrc: ["'self'", ...identityProvider],
        frameSrc: ["'self'", ...identityProvider],
        // Outside production the app is served over plain http (development, tests): upgrading
        // would send the identity provider's answer to a silent renewal to an https:// address.
        upgradeInsecureRequests: options.config.nodeEnv === 'production' ? [] : null,
      },
    },
  });
  app.useGlobalPipes(createValidationPipe());

  const document = declareCommonContract(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Sozialraumbudget – Finanzsteuerung')
        .setDescription(
          'Ereignisbasierte Finanzsteuerung der sozialraumorientierten Kinder- und Jugendhilfe: Sozialraumbudgets, Bewilligungen, ' +
            'Rechnungen, Zahlungen, flexible Mittel, Steuerung und Jahresabschluss nach dem Regelwerk (docs/steering.md, R1–R12). ' +
            'Beträge sind EUR als Dezimal-Text ("1234.50"), nie als Zahl; Daten sind ISO-Kalenderdaten. Fehler sind RFC 9457 problem+json, ' +
            'deutsch, mit Accept-Language: en englisch. Schreibende Aufrufe nehmen Idempotency-Key und If-Match an; Antworten zu einem ' +
            'Datenstrom tragen ein ETag, ein 201 die Location der angelegten Ressource und ihre Kennung im Inhalt.',
        )
        .setVersion('1')
        .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
        .build(),
    ),
    {
      publicPaths: new Set(['/health', '/health/live', '/health/ready', '/sign-in']),
      parameters: API_PARAMETERS,
      rolesOf: (method, route) => {
        const roles = roleMatrix.get(routeKey(method, route));
        return roles && [...roles];
      },
      oidcDiscoveryUrl: options.config.auth.mode === 'oidc' ? `${options.config.auth.issuer.replace(/\/$/, '')}/.well-known/openid-configuration` : undefined,
    },
  );
  documents.set(app, document);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  await serveWebApp(app);
  return app;
}
