import { resolve } from 'node:path';
import { ClaimMapping, parseRoleMap } from '../auth/claim-mapping';

export interface AuthConfig {
  /** 'oidc': tokens of the municipality's identity provider (JWKS); 'dev': self-issued. */
  mode: 'oidc' | 'dev';
  jwksUrl?: string;
  issuer: string;
  audience: string;
  clockToleranceSeconds: number;
  /** The public OIDC client the web app signs in with (authorization code flow with PKCE). */
  webClientId: string;
  /** The scopes the web app asks for; a refresh token may need e.g. offline_access at some IdPs. */
  webScope: string;
  /** Where the identity provider's tokens carry roles, tenant and provider (AUTH_*_CLAIM, AUTH_ROLE_MAP). */
  claims: ClaimMapping;
  /** The key set is fetched again for an unknown key id at most once in this many seconds. */
  jwksCooldownSeconds: number;
}

export interface AppConfig {
  nodeEnv: string;
  port: number;
  host: string;
  databaseUrl?: string;
  /**
   * The schema owner's connection, used only to apply migrations at start (DATABASE_MIGRATION_URL);
   * DATABASE_URL then logs in as a member of the application's role, which may append to the event
   * tables only through es_append. Unset: DATABASE_URL migrates too.
   */
  databaseMigrationUrl?: string;
  dataDir: string;
  embeddedPgPort: number;
  embeddedPgCreateUser: boolean;
  dbPoolMax: number;
  runProjections: boolean;
  auth: AuthConfig;
  rateLimitPerMinute: number;
  /**
   * Which proxies' X-Forwarded-For the API believes (Fastify's trustProxy): false (default: the
   * client address is the TCP peer), true (every proxy: only behind one that overwrites the
   * header), a hop count, or a comma-separated list of proxy addresses/CIDRs.
   */
  trustProxy: boolean | number | string;
  bodyLimitBytes: number;
  /**
   * How long a read or command waits for a projection to reach the log's head before it answers
   * 503 projection-behind with Retry-After (PROJECTION_WAIT_MS, default 10 s).
   */
  projectionWaitMs: number;
  logLevel: string;
  /** Key that signs the audit chain's seals; without it the chain is kept but not sealed. */
  auditSealKey?: string;
  /** /metrics: off without a token (METRICS_TOKEN); only from these networks (METRICS_ALLOW). */
  metrics: { token?: string; allow: string[] };
  /** Readiness fails when a projection is further behind than this (READY_MAX_LAG_SECONDS). */
  readyMaxLagSeconds: number;
  /** The worker's port for /metrics and its health (WORKER_PORT). */
  workerPort: number;
  /** Whether the API creates the demo tenant on an empty event store (SEED_DEMO; never in production). */
  seedDemo: boolean;
  /** The audit trail's checkpoints (src/audit/audit-trail.config.ts checks and loads the key). */
  auditTrail: { signingKey?: string; logOrigin?: string; checkpointIntervalSeconds?: string };
  /** Outgoing mail for delivered notifications: SMTP_URL (smtp:// or smtps://, unset: no mail) and the sender SMTP_FROM. */
  smtp: { url?: string; from: string };
  /**
   * Reminders of waiting work: invoices waiting longer than REMINDER_FOUR_EYES_DAYS (5), a settlement
   * unconfirmed after REMINDER_CONFIRMATION_DAYS (14); looked for every REMINDER_INTERVAL_SECONDS (3600)
   * by the process that runs the projections.
   */
  reminders: { fourEyesDays: number; confirmationDays: number; intervalSeconds: number };
}

export const DEV_ISSUER = 'urn:sozialraum-budget:dev-issuer';
export const DEFAULT_AUDIENCE = 'sozialraum-budget';

export class ConfigError extends Error {}

export function loadConfig(rawEnv: NodeJS.ProcessEnv = process.env): AppConfig {
  // An empty variable counts as unset (docker compose passes `${VAR:-}` through as "").
  const env = Object.fromEntries(Object.entries(rawEnv).filter(([, value]) => value !== undefined && value !== '')) as NodeJS.ProcessEnv;
  const nodeEnv = env.NODE_ENV ?? 'development';
  const production = nodeEnv === 'production';
  const jwksUrl = env.AUTH_JWKS_URL;
  const mode: AuthConfig['mode'] = jwksUrl ? 'oidc' : 'dev';
  if (production && mode === 'dev') {
    throw new ConfigError('NODE_ENV=production requires AUTH_JWKS_URL, AUTH_ISSUER and AUTH_AUDIENCE: self-issued tokens are refused in production');
  }
  if (mode === 'oidc' && (!env.AUTH_ISSUER || !env.AUTH_AUDIENCE)) {
    throw new ConfigError('AUTH_JWKS_URL is set: AUTH_ISSUER and AUTH_AUDIENCE are required too');
  }
  if (env.DATABASE_MIGRATION_URL && !env.DATABASE_URL) {
    throw new ConfigError('DATABASE_MIGRATION_URL is set: DATABASE_URL is required too (the embedded PostgreSQL migrates with its own user)');
  }
  return {
    nodeEnv,
    port: int(env.PORT, 3000, 'PORT'),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL,
    databaseMigrationUrl: env.DATABASE_MIGRATION_URL,
    dataDir: resolve(env.DATA_DIR ?? '.data'),
    embeddedPgPort: int(env.EMBEDDED_PG_PORT, 54329, 'EMBEDDED_PG_PORT'),
    embeddedPgCreateUser: env.EMBEDDED_PG_CREATE_USER === 'true',
    dbPoolMax: int(env.DB_POOL_MAX, 10, 'DB_POOL_MAX'),
    runProjections: (env.RUN_PROJECTIONS ?? 'true') !== 'false',
    auth: {
      mode,
      jwksUrl,
      issuer: env.AUTH_ISSUER ?? DEV_ISSUER,
      audience: env.AUTH_AUDIENCE ?? DEFAULT_AUDIENCE,
      clockToleranceSeconds: int(env.AUTH_CLOCK_TOLERANCE_SECONDS, 30, 'AUTH_CLOCK_TOLERANCE_SECONDS'),
      webClientId: env.AUTH_WEB_CLIENT_ID ?? 'sozialraum-web',
      webScope: env.AUTH_WEB_SCOPE ?? 'openid profile',
      claims: {
        roles: env.AUTH_ROLES_CLAIM ?? 'roles',
        roleMap: roleMap(env.AUTH_ROLE_MAP),
        tenant: env.AUTH_TENANT_CLAIM ?? 'tenant',
        provider: env.AUTH_PROVIDER_CLAIM ?? 'provider',
        groupsClaim: env.AUTH_GROUPS_CLAIM ?? 'groups',
      },
      jwksCooldownSeconds: int(env.AUTH_JWKS_COOLDOWN_SECONDS, 30, 'AUTH_JWKS_COOLDOWN_SECONDS'),
    },
    rateLimitPerMinute: int(env.RATE_LIMIT_PER_MINUTE, 600, 'RATE_LIMIT_PER_MINUTE'),
    trustProxy: trustProxy(env.TRUST_PROXY),
    bodyLimitBytes: int(env.BODY_LIMIT_BYTES, 256 * 1024, 'BODY_LIMIT_BYTES'),
    projectionWaitMs: int(env.PROJECTION_WAIT_MS, 10_000, 'PROJECTION_WAIT_MS'),
    logLevel: logLevel(env.LOG_LEVEL ?? 'info'),
    auditSealKey: env.AUDIT_SEAL_KEY,
    metrics: { token: env.METRICS_TOKEN, allow: list(env.METRICS_ALLOW ?? '127.0.0.0/8,::1') },
    readyMaxLagSeconds: int(env.READY_MAX_LAG_SECONDS, 120, 'READY_MAX_LAG_SECONDS'),
    workerPort: int(env.WORKER_PORT, 3001, 'WORKER_PORT'),
    seedDemo: !production && (env.SEED_DEMO ?? 'true') !== 'false',
    auditTrail: { signingKey: env.AUDIT_SIGNING_KEY, logOrigin: env.AUDIT_LOG_ORIGIN, checkpointIntervalSeconds: env.AUDIT_CHECKPOINT_INTERVAL_SECONDS },
    smtp: { url: smtpUrl(env.SMTP_URL), from: env.SMTP_FROM ?? 'Sozialraumbudget <sozialraumbudget@localhost>' },
    reminders: {
      fourEyesDays: int(env.REMINDER_FOUR_EYES_DAYS, 5, 'REMINDER_FOUR_EYES_DAYS'),
      confirmationDays: int(env.REMINDER_CONFIRMATION_DAYS, 14, 'REMINDER_CONFIRMATION_DAYS'),
      intervalSeconds: int(env.REMINDER_INTERVAL_SECONDS, 3600, 'REMINDER_INTERVAL_SECONDS'),
    },
  };
}

function roleMap(value: string | undefined) {
  try {
    return parseRoleMap(value);
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
}

function smtpUrl(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const parsed = URL.parse(value);
  if (!parsed || !['smtp:', 'smtps:'].includes(parsed.protocol))
    throw new ConfigError('SMTP_URL must be an smtp:// or smtps:// URL, e.g. smtp://mail.example.de:587');
  return value;
}

function list(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;

function logLevel(value: string): string {
  if (!(LOG_LEVELS as readonly string[]).includes(value)) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${value}"`);
  return value;
}

const PROXY_ADDRESS = /^(?:loopback|linklocal|uniquelocal|[0-9A-Fa-f:.]+(?:\/\d{1,3})?)$/;

function trustProxy(value: string | undefined): boolean | number | string {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  const addresses = value.split(',').map((a) => a.trim());
  if (addresses.some((a) => !PROXY_ADDRESS.test(a))) {
    throw new ConfigError(`TRUST_PROXY must be false, true, a hop count or a comma-separated list of proxy addresses/CIDRs, got "${value}"`);
  }
  return addresses.join(',');
}

function int(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new ConfigError(`${name} must be a non-negative integer, got "${value}"`);
  return n;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
