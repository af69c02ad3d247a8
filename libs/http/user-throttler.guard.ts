import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { ApiRequest } from '../auth/api-request';

/** Rate limits per authenticated user (by IP only before authentication). */
@Injectable()
export class UserThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(request: ApiRequest): Promise<string> {
    const principal = request.principal;
    return principal ? `${principal.tenantId}:${principal.userId}` : `ip:${request.ip}`;
  }
}
