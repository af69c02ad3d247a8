import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable, tap } from 'rxjs';

/**
 * Responses about one aggregate carry its stream version in the body; the ETag says the same, so
 * a client can send it back in If-Match and get 412 when someone changed it in between.
 */
@Injectable()
export class ETagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const reply = context.switchToHttp().getResponse();
    return next.handle().pipe(
      tap((body) => {
        const version = body && typeof body === 'object' && !Array.isArray(body) ? (body as { version?: unknown }).version : undefined;
        if (typeof version === 'number' && Number.isInteger(version)) reply.header('etag', `"${version}"`);
      }),
    );
  }
}
