import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { ThrottlerModule } from '@nestjs/throttler';
import { KeyLike } from 'jose';
import { AppConfig } from '../../libs/config/app-config';
import { AppConfigModule } from '../../libs/config/app-config.module';
import { Pool } from 'pg';
import { DatabaseModule, PG_POOL } from '../../libs/database/database.module';
import { PgThrottlerStorage } from '../../libs/rate-limit/pg-throttler-storage';
import { RateWindows } from '../../libs/rate-limit/rate-windows';
import { EventStoreModule } from '../../libs/event-store/nest/event-store.module';
import { DddModule } from '../../libs/ddd/ddd.module';
import { MetricsModule } from '../../libs/metrics/metrics.module';
import { AuthGuard } from '../../libs/auth/auth.guard';
import { ROLE_MATRIX } from '../../libs/auth/role-matrix';
import { roleMatrix } from '../../src/shared/role-matrix';
import { UNAUTHENTICATED_LIMITER, UnauthenticatedLimiter } from '../../libs/auth/unauthenticated-limiter';
import { TOKEN_VERIFIER, createTokenVerifier } from '../../libs/auth/token-verifier';
import { ProblemDetailsFilter } from '../../libs/http/problem.filter';
import { UserThrottlerGuard } from '../../libs/http/user-throttler.guard';
import { IdempotencyInterceptor, STREAM_RESOURCE } from '../../libs/idempotency/idempotency.interceptor';
import { resourceOfStream } from '../../src/shared/stream-ids';
import { ETagInterceptor } from '../../libs/idempotency/etag.interceptor';
import { LocationInterceptor } from '../../libs/http/contract/location.interceptor';
import { SealedTextInterceptor } from '../../libs/sealed-text/sealed-text.interceptor';
import { domainModules } from '../../src/domain.modules';
import { appendSignerOf } from '../../src/audit';
import { HealthModule } from '../../libs/health/health.module';
import { OpsController } from './ops/ops.controller';
import { DEV_KEYS, DevSignInController } from './dev-sign-in/dev-sign-in.controller';
import { DevKeys } from '../../libs/auth/dev-signing-key';
import { DEV_SIGN_IN_OFFERED, SignInController } from './sign-in/sign-in.controller';

export interface ApiModuleOptions {
  config: AppConfig;
  databaseUrl: string;
  devPublicKey?: KeyLike;
  /** The development key pair: with it (and only in development mode) the API offers the dev sign-in. */
  devKeys?: DevKeys;
}

@Module({})
export class ApiModule {
  static forRoot(options: ApiModuleOptions): DynamicModule {
    const devSignIn = options.devKeys !== undefined && options.config.auth.mode === 'dev' && options.config.nodeEnv !== 'production';
    return {
      module: ApiModule,
      imports: [
        AppConfigModule.forRoot(options.config),
        DatabaseModule.forRoot({ url: options.databaseUrl, poolMax: options.config.dbPoolMax }),
        EventStoreModule.forRoot({
          runProjections: options.config.runProjections,
          auditSealKey: options.config.auditSealKey,
          projectionWaitMs: options.config.projectionWaitMs,
          appendSigner: appendSignerOf(options.config),
        }),
        MetricsModule.forRoot('api'),
        HealthModule.forRoot({ maxLagSeconds: options.config.readyMaxLagSeconds }),
        DddModule,
        CqrsModule.forRoot(),
        // The throttler named `default` sends the standard Retry-After (other names get a suffix).
        // Counted in PostgreSQL: one limit for every API process on the database.
        ThrottlerModule.forRootAsync({
          inject: [PG_POOL],
          useFactory: (pool: Pool) => ({
            throttlers: [{ name: 'default', ttl: 60_000, limit: options.config.rateLimitPerMinute }],
            storage: new PgThrottlerStorage(pool),
          }),
        }),
        ...domainModules,
      ],
      controllers: [OpsController, SignInController, ...(devSignIn ? [DevSignInController] : [])],
      providers: [
        { provide: TOKEN_VERIFIER, useFactory: () => createTokenVerifier(options.config.auth, options.devPublicKey) },
        { provide: ROLE_MATRIX, useValue: roleMatrix },
        // Failed authentications per client address and minute, checked before any token is verified.
        {
          provide: UNAUTHENTICATED_LIMITER,
          inject: [PG_POOL],
          useFactory: (pool: Pool) => new UnauthenticatedLimiter(new RateWindows(pool), options.config.rateLimitPerMinute),
        },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: UserThrottlerGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        // Order matters: a replayed response passes the Location and ETag interceptors like a fresh one.
        // Outermost: opens sealed texts in the answer, after the idempotency layer stored it sealed.
        { provide: APP_INTERCEPTOR, useClass: SealedTextInterceptor },
        { provide: APP_INTERCEPTOR, useClass: LocationInterceptor },
        { provide: APP_INTERCEPTOR, useClass: ETagInterceptor },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        { provide: STREAM_RESOURCE, useValue: resourceOfStream },
        { provide: DEV_SIGN_IN_OFFERED, useValue: devSignIn },
        ...(devSignIn ? [{ provide: DEV_KEYS, useValue: options.devKeys }] : []),
      ],
    };
  }
}
