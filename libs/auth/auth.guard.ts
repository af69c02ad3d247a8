import { CanActivate, ExecutionContext, Inject, Injectable, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { problem, ProblemException } from '../http/problem';
import { text } from '../text/text';
import { AUTH_PROBLEMS } from './auth-problems';
import { PUBLIC_ROUTE } from './public.decorator';
import { ROLE_MATRIX, RoleMatrix } from './role-matrix';
import { InvalidToken, TOKEN_VERIFIER, TokenVerifier } from './token-verifier';
import { Principal } from './principal';
import { NO_SUBJECT, UNAUTHENTICATED_LIMITER, UnauthenticatedLimiter, unverifiedSubject } from './unauthenticated-limiter';

const READ_METHODS = new Set(['GET', 'HEAD']);

export function routeKey(method: string, url: string): string {
  return `${method.toUpperCase()} ${url}`;
}

/**
 * Authenticates every non-public route and authorises it against the role matrix. A route that
 * is missing from the matrix is refused for everyone.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
    @Inject(ROLE_MATRIX) private readonly matrix: RoleMatrix,
    @Optional() @Inject(UNAUTHENTICATED_LIMITER) private readonly limiter?: UnauthenticatedLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest();
    const address: string = request.ip ?? 'unknown';
    const header: string | undefined = request.headers.authorization;
    // RFC 9110 § 11.1: the scheme name is case-insensitive ("bearer", "BEARER").
    const token = /^bearer +(\S+) *$/i.exec(header ?? '')?.[1];
    const subject = unverifiedSubject(token);
    const tooMany = (retryAfter: number) =>
      new ProblemException(
        problem(
          AUTH_PROBLEMS['rate-limited'],
          text(
            'Zu viele gescheiterte Anmeldungen von dieser Adresse; bitte später erneut versuchen.',
            'Too many failed authentications from this address; retry later.',
          ),
        ),
        { 'retry-after': String(retryAfter) },
      );
    // A request that cannot be valid (no token, no subject) waits before any work once its address
    // failed too often; a token with a subject is always verified, so a valid one always passes.
    if (subject === NO_SUBJECT) {
      const retryAfter = (await this.limiter?.retryAfterSeconds(address, subject)) ?? 0;
      if (retryAfter > 0) throw tooMany(retryAfter);
    }
    const challenge = { 'www-authenticate': 'Bearer' };
    if (!token) {
      await this.limiter?.recordFailure(address, subject);
      throw new ProblemException(problem(AUTH_PROBLEMS.unauthenticated, text('Ein Bearer-Token ist erforderlich.', 'A bearer token is required.')), challenge);
    }
    let principal: Principal;
    try {
      principal = await this.verifier.verify(token);
    } catch (error) {
      const retryAfter = (await this.limiter?.recordFailure(address, subject)) ?? 0;
      if (retryAfter > 0) throw tooMany(retryAfter);
      const detail = error instanceof InvalidToken ? error.reason : text('Das Token konnte nicht geprüft werden.', 'The token could not be verified.');
      throw new ProblemException(problem(AUTH_PROBLEMS.unauthenticated, detail), { 'www-authenticate': 'Bearer error="invalid_token"' });
    }
    const key = routeKey(request.method, request.routeOptions?.url ?? request.routerPath);
    const allowed = this.matrix.get(key);
    const forbidden = (de: string, en: string) => new ProblemException(problem(AUTH_PROBLEMS.forbidden, text(de, en)));
    // A provider user acts for one Träger; combined with a Jugendamt role its organisation is ambiguous.
    if (principal.roles.includes('provider') && new Set(principal.roles).size > 1) {
      throw forbidden(
        `Ein Token mit der Rolle provider kann keine weiteren Rollen tragen (${principal.roles.join(', ')}): seine Organisation wäre nicht eindeutig.`,
        `A token with the role provider cannot hold other roles (${principal.roles.join(', ')}): its organisation is ambiguous.`,
      );
    }
    // Auditors never write, whatever else the token holds.
    if (principal.roles.includes('auditor') && !READ_METHODS.has(request.method)) {
      throw forbidden(`Ein Token mit der Rolle auditor darf nur lesen; ${key} schreibt.`, `A token with the role auditor may only read; ${key} writes.`);
    }
    const role = principal.roles.find((r) => allowed?.has(r));
    if (!role)
      throw forbidden(
        `Keine Ihrer Rollen (${principal.roles.join(', ')}) darf ${key} aufrufen.`,
        `None of your roles (${principal.roles.join(', ')}) may call ${key}.`,
      );
    request.principal = principal;
    request.actingRole = role;
    return true;
  }
}
