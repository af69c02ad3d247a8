import { JWTPayload, KeyLike, createRemoteJWKSet, jwtVerify } from 'jose';
import { AuthConfig } from '../config/app-config';
import { Principal } from './principal';
import { Text, text } from '../text/text';
import { ClaimMapping, PRODUCT_CLAIMS, mapClaims } from './claim-mapping';
import { InvalidToken } from './invalid-token';

export { InvalidToken } from './invalid-token';

export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');

export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
}

/**
 * Verifies signature, issuer, audience, expiry and not-before (with clock tolerance), then maps
 * the claims to the product's user (sub, tenant, roles, provider, name): with the identity
 * provider's claims as configured (AUTH_*_CLAIM, AUTH_ROLE_MAP), with the product's own for
 * development tokens. The key set is fetched again for an unknown key id (rotation), at most
 * once per cooldown, so a flood of forged key ids cannot flood the identity provider.
 */
export function createTokenVerifier(config: AuthConfig, devPublicKey?: KeyLike): TokenVerifier {
  const key =
    config.mode === 'oidc'
      ? createRemoteJWKSet(new URL(config.jwksUrl as string), { cooldownDuration: config.jwksCooldownSeconds * 1000, cacheMaxAge: 600_000 })
      : devPublicKey;
  const mapping: ClaimMapping = config.mode === 'oidc' ? config.claims : PRODUCT_CLAIMS;
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
      return mapClaims(payload, mapping);
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

/** The product's own claims (tenant, roles, provider): development tokens. */
export function toPrincipal(payload: JWTPayload): Principal {
  return mapClaims(payload, PRODUCT_CLAIMS);
}
