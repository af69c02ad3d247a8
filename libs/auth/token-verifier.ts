import { JWTPayload, KeyLike, createRemoteJWKSet, jwtVerify } from 'jose';
import { AuthConfig } from '../config/app-config';
import { Principal, ROLES, Role } from './principal';
import { Text, text } from '../text/text';

export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');

/** Why a token was refused, in the words a user reads. */
export class InvalidToken extends Error {
  constructor(readonly reason: Text) {
    super(reason.en);
  }
}

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

function describe(error: unknown): Text {
  const code = (error as { code?: string })?.code;
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return text('Das Token ist abgelaufen.', 'The token has expired.');
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      return text(`Das Token gilt hier nicht (${(error as Error).message}).`, `The token is not valid here (${(error as Error).message}).`);
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return text('Die Signatur des Tokens ist ungültig.', 'The token signature is invalid.');
    default:
      return text('Das Token konnte nicht geprüft werden.', 'The token could not be verified.');
  }
}

export function toPrincipal(payload: JWTPayload): Principal {
  const tenant = payload.tenant;
  if (typeof tenant !== 'string' || !tenant) throw new InvalidToken(text('Das Token nennt keinen Mandanten (tenant).', 'The token has no tenant claim.'));
  const rawRoles = Array.isArray(payload.roles) ? payload.roles : [];
  const roles = rawRoles.filter((r): r is Role => typeof r === 'string' && (ROLES as readonly string[]).includes(r));
  if (roles.length === 0) throw new InvalidToken(text('Das Token trägt keine bekannte Rolle.', 'The token carries no known role.'));
  const provider = typeof payload.provider === 'string' && payload.provider ? payload.provider : undefined;
  if (roles.includes('provider') && !provider)
    throw new InvalidToken(text('Ein Nutzer eines Trägers braucht die Angabe provider im Token.', 'A provider user needs a provider claim.'));
  return {
    userId: payload.sub as string,
    tenantId: tenant,
    roles,
    providerId: roles.includes('provider') ? provider : undefined,
    name: typeof payload.name === 'string' ? payload.name : undefined,
  };
}
