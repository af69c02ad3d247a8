import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { JWK, KeyLike, SignJWT, exportJWK, generateKeyPair, importJWK } from 'jose';
import { DEFAULT_AUDIENCE, DEV_ISSUER } from '../config/app-config';
import { Role } from './principal';

const ALG = 'ES256';

export interface DevKeys {
  privateKey: KeyLike;
  publicKey: KeyLike;
}

export function devKeyPath(dataDir: string): string {
  return join(dataDir, 'auth', 'dev-signing-key.json');
}

/** The development signing key, generated into the data folder on first use and kept there. */
export async function loadOrCreateDevKeys(dataDir: string): Promise<DevKeys> {
  const path = devKeyPath(dataDir);
  if (!existsSync(path)) {
    const { privateKey } = await generateKeyPair(ALG, { extractable: true });
    const jwk = await exportJWK(privateKey);
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    writeFileSync(path, JSON.stringify({ ...jwk, alg: ALG }), { mode: 0o600 });
  }
  const jwk = JSON.parse(readFileSync(path, 'utf8')) as JWK;
  const privateKey = (await importJWK(jwk, ALG)) as KeyLike;
  const { d: _private, ...publicJwk } = jwk;
  const publicKey = (await importJWK(publicJwk, ALG)) as KeyLike;
  return { privateKey, publicKey };
}

export interface DevTokenClaims {
  sub: string;
  tenant: string;
  roles: Role[];
  provider?: string;
  name?: string;
}

export async function signDevToken(keys: DevKeys, claims: DevTokenClaims, ttlSeconds = 8 * 3600): Promise<string> {
  const { sub, ...rest } = claims;
  return new SignJWT({ ...rest })
    .setProtectedHeader({ alg: ALG, typ: 'JWT' })
    .setSubject(sub)
    .setIssuer(DEV_ISSUER)
    .setAudience(DEFAULT_AUDIENCE)
    .setIssuedAt()
    .setNotBefore('0s')
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(keys.privateKey);
}
