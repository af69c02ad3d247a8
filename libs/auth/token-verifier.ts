import { JWTPayload, KeyLike, createRemoteJWKSet, jwtVerify } from 'jose';
import { AuthConfig } from '../config/app-config';
import { Principal, ROLES, Role } from './principal';

export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');

export class InvalidToken extends Error {}

export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
}

/**
 * Verifies signature, issuer, audience, expiry and not-before (with clock tolerance), then maps
 * the claims this product uses: sub, tenant, roles, provider, name.
 */
export function createTokenVerifier(config: AuthConfig, devPublicKey?: KeyLike): TokenVerifier {
  const key = config.mode === 'oidc' ? createRemoteJWKSet(new URL(config.jwksUrl as string), { cooldownDuration: 30_000, cacheMaxAge: 600_000 }) : devPublicKey;
  if (!key) throw new Error('no key to verify tokens with');
  return {
    async verify(token: string): Promise<Principal> {
      let payload: JWTPayload;
      try {
        const checks = { issuer: config.issuer, audience: config.audience, clockTolerance: config.clockToleranceSeconds, requiredClaims: ['sub', 'exp'] };
        // jose takes either a key or a key-set function, through separate overloads.
        ({ payload } = typeof key === 'function' ? await jwtVerify(token, key, checks) : await jwtVerify(token, key, checks));
      } catch (error) {
        throw new InvalidToken(describe(error));
      }
      return toPrincipal(payload);
    },
  };
}

function describe(error: unknown): string {
  const code = (error as { code?: string })?.code;
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return 'the token has expired';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      return `the token is not valid here (${(error as Error).message})`;
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return 'the token signature is invalid';
    default:
      return 'the token could not be verified';
  }
}

export function toPrincipal(payload: JWTPayload): Principal {
  const tenant = payload.tenant;
  if (typeof tenant !== 'string' || !tenant) throw new InvalidToken('the token has no tenant claim');
  const rawRoles = Array.isArray(payload.roles) ? payload.roles : [];
  const roles = rawRoles.filter((r): r is Role => typeof r === 'string' && (ROLES as readonly string[]).includes(r));
  if (roles.length === 0) throw new InvalidToken('the token carries no known role');
  const provider = typeof payload.provider === 'string' && payload.provider ? payload.provider : undefined;
  if (roles.includes('provider') && !provider) throw new InvalidToken('a provider user needs a provider claim');
  return {
    userId: payload.sub as string,
    tenantId: tenant,
    roles,
    providerId: roles.includes('provider') ? provider : undefined,
    name: typeof payload.name === 'string' ? payload.name : undefined,
  };
}
