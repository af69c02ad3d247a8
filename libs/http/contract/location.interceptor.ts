import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Observable, tap } from 'rxjs';
import { LOCATION_TEMPLATE } from './operation.decorator';

/**
 * A 201 says where the created resource is read: its declared path template, filled from the
 * request's path parameters and the answer's top-level fields (the created id is one of them).
 * Registered outside the idempotency interceptor, so a replayed answer carries it too.
 */
@Injectable()
export class LocationInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const template = this.reflector.get<string | undefined>(LOCATION_TEMPLATE, context.getHandler());
    if (!template) return next.handle();
    const http = context.switchToHttp();
    const params: Record<string, string> = http.getRequest().params ?? {};
    return next.handle().pipe(
      tap((body) => {
        http.getResponse().header('location', fillLocation(template, params, body));
      }),
    );
  }
}

export function fillLocation(template: string, params: Record<string, string>, body: unknown): string {
  const fields = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  return template.replace(/\{([A-Za-z]+)\}/g, (_whole, name: string) => {
    const value = fields[name] ?? params[name];
    if (typeof value !== 'string' && typeof value !== 'number') throw new Error(`the answer names no ${name} for its Location ${template}`);
    return encodeURIComponent(String(value));
  });
}
