import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Pool } from 'pg';
import { Observable, mergeMap } from 'rxjs';
import { PG_POOL } from '../database/database.module';
import { ApiRequest } from '../auth/api-request';
import { openSealedTexts } from './open-sealed';
import { TextKeys } from './text-keys';

const SHOWS_SEALED = Symbol('SHOWS_SEALED');

/** On a controller or route that shows stored data as stored (the audit log): sealed texts stay sealed. */
export const ShowsSealedTexts = (): MethodDecorator & ClassDecorator => SetMetadata(SHOWS_SEALED, true);

/**
 * Opens the sealed texts of every JSON answer for the caller's tenant, so no view needs to know
 * which of its fields are sealed, and an erased text reads "gelöscht" wherever it appears.
 * Registered outside the idempotency interceptor: what it stores for a replay stays sealed.
 */
@Injectable()
export class SealedTextInterceptor implements NestInterceptor {
  private readonly keys: TextKeys;

  constructor(
    private readonly reflector: Reflector,
    @Inject(PG_POOL) pool: Pool,
  ) {
    this.keys = new TextKeys(pool);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    if (this.reflector.getAllAndOverride<boolean>(SHOWS_SEALED, [context.getHandler(), context.getClass()])) return next.handle();
    const request = context.switchToHttp().getRequest<ApiRequest>();
    return next.handle().pipe(
      mergeMap(async (body) => {
        const tenantId = request.principal?.tenantId;
        if (!tenantId || body === null || typeof body !== 'object') return body;
        return openSealedTexts(body, tenantId, this.keys);
      }),
    );
  }
}
