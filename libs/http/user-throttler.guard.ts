import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

/** Rate limits per authenticated user (by IP only before authentication). */
@Injectable()
export class UserThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(request: Record<string, any>): Promise<string> {
    const principal = request.principal;
    return principal ? `${principal.tenantId}:${principal.userId}` : `ip:${request.ip}`;
  }
}
