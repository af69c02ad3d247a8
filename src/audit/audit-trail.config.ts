import { KeyObject, createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { AppConfig, ConfigError } from '../../libs/config/app-config';
import { CheckpointKey } from '../../libs/event-store/audit/audit-checkpoints';
import { assertKeyName } from '../../libs/merkle';
import { AppendSigner, ed25519AppendSigner } from '../../libs/event-store/audit/append-signature';

/**
 * The audit trail's settings, read from the environment like the rest of the configuration (an
 * empty variable counts as unset):
 *
 * - AUDIT_SIGNING_KEY: the Ed25519 private key that signs checkpoints, PKCS#8 PEM (line breaks
 *   may be written as \n). Required in production. Elsewhere a key is generated into
 *   DATA_DIR/audit/checkpoint-signing-key.pem on first use and kept there, so the API and the
 *   worker of one installation sign with the same key.
 * - AUDIT_LOG_ORIGIN (default sozialraum-budget/audit): the name of the key in signature lines;
 *   each tenant's log is `<origin>/<tenant>`.
 * - AUDIT_CHECKPOINT_INTERVAL_SECONDS (default 3600): the longest an event waits for a signed
 *   checkpoint that covers it.
 */
export interface AuditTrailConfig {
  key: CheckpointKey;
  originPrefix: string;
  intervalSeconds: number;
  /** Where the key came from: the variable, or the development key file. */
  keySource: string;
}

export const AUDIT_TRAIL_CONFIG = Symbol('AUDIT_TRAIL_CONFIG');

export function devSigningKeyPath(dataDir: string): string {
  return join(dataDir, 'audit', 'checkpoint-signing-key.pem');
}

export function loadAuditTrailConfig(rawEnv: NodeJS.ProcessEnv = process.env): AuditTrailConfig {
  const env = Object.fromEntries(Object.entries(rawEnv).filter(([, value]) => value !== undefined && value !== '')) as NodeJS.ProcessEnv;
  const production = (env.NODE_ENV ?? 'development') === 'production';
  const originPrefix = env.AUDIT_LOG_ORIGIN ?? 'sozialraum-budget/audit';
  try {
    assertKeyName(originPrefix);
  } catch {
    throw new ConfigError(`AUDIT_LOG_ORIGIN must be one word without white space or "+", such as jugendamt.example/audit, got "${originPrefix}"`);
  }
  const intervalSeconds = env.AUDIT_CHECKPOINT_INTERVAL_SECONDS === undefined ? 3600 : Number(env.AUDIT_CHECKPOINT_INTERVAL_SECONDS);
  if (!Number.isInteger(intervalSeconds) || intervalSeconds < 1) {
    throw new ConfigError(`AUDIT_CHECKPOINT_INTERVAL_SECONDS must be a whole number of seconds, at least 1, got "${env.AUDIT_CHECKPOINT_INTERVAL_SECONDS}"`);
  }
  if (env.AUDIT_SIGNING_KEY) {
    return { key: { name: originPrefix, privateKey: parseSigningKey(env.AUDIT_SIGNING_KEY) }, originPrefix, intervalSeconds, keySource: 'AUDIT_SIGNING_KEY' };
  }
  if (production) {
    throw new ConfigError(
      'NODE_ENV=production requires AUDIT_SIGNING_KEY (an Ed25519 private key, PKCS#8 PEM): checkpoints signed with a generated key prove nothing to an auditor',
    );
  }
  const path = devSigningKeyPath(resolve(env.DATA_DIR ?? '.data'));
  return { key: { name: originPrefix, privateKey: loadOrCreateDevKey(path) }, originPrefix, intervalSeconds, keySource: path };
}

/** The settings as the application's configuration holds them. */
export function auditTrailConfigOf(config: AppConfig): AuditTrailConfig {
  return loadAuditTrailConfig({
    NODE_ENV: config.nodeEnv,
    DATA_DIR: config.dataDir,
    AUDIT_SIGNING_KEY: config.auditTrail.signingKey,
    AUDIT_LOG_ORIGIN: config.auditTrail.logOrigin,
    AUDIT_CHECKPOINT_INTERVAL_SECONDS: config.auditTrail.checkpointIntervalSeconds,
  });
}

/**
 * What signs every append of a process: the checkpoints' key under the same name, so the
 * Rechnungsprüfung needs one public key for both.
 */
export function appendSignerOf(config: AppConfig): AppendSigner {
  const { key } = auditTrailConfigOf(config);
  return ed25519AppendSigner(key.name, key.privateKey);
}

function parseSigningKey(value: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: value.replace(/\\n/g, '\n'), format: 'pem' });
  } catch {
    throw new ConfigError('AUDIT_SIGNING_KEY is not a private key in PEM (PKCS#8)');
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new ConfigError(`AUDIT_SIGNING_KEY must be an Ed25519 key, got ${key.asymmetricKeyType}`);
  return key;
}

/**
 * The development key, written once: processes starting together (API, worker, test files) race for
 * the file, and a hard link either creates it complete or fails because it exists.
 */
function loadOrCreateDevKey(path: string): KeyObject {
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const draft = `${path}.${process.pid}.${Date.now()}`;
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(draft, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
    try {
      linkSync(draft, path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      rmSync(draft, { force: true });
    }
  }
  return parseDevKey(readFileSync(path, 'utf8'), path);
}

function parseDevKey(pem: string, path: string): KeyObject {
  const key = createPrivateKey({ key: pem, format: 'pem' });
  if (key.asymmetricKeyType !== 'ed25519') throw new ConfigError(`${path} does not hold an Ed25519 key`);
  return key;
}
