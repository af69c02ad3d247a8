import { ConfigError, DEFAULT_AUDIENCE, DEV_ISSUER, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('uses the defaults of the README table when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      nodeEnv: 'development',
      port: 3000,
      host: '0.0.0.0',
      databaseUrl: undefined,
      embeddedPgPort: 54329,
      dbPoolMax: 10,
      runProjections: true,
      rateLimitPerMinute: 600,
      bodyLimitBytes: 262144,
      logLevel: 'info',
      auditSealKey: undefined,
      metrics: { token: undefined, allow: ['127.0.0.0/8', '::1'] },
      readyMaxLagSeconds: 120,
      workerPort: 3001,
      seedDemo: true,
    });
    expect(config.auth).toEqual({
      mode: 'dev',
      jwksUrl: undefined,
      issuer: DEV_ISSUER,
      audience: DEFAULT_AUDIENCE,
      clockToleranceSeconds: 30,
      webClientId: 'sozialraum-web',
      webScope: 'openid profile',
      claims: { roles: 'roles', roleMap: {}, tenant: 'tenant', provider: 'provider', groupsClaim: 'groups' },
      jwksCooldownSeconds: 30,
    });
    expect(config.dataDir).toMatch(/\.data$/);
  });

  it('reads where the identity provider puts roles, tenant and provider, and refuses a role map to unknown roles', () => {
    const auth = loadConfig({
      AUTH_ROLES_CLAIM: 'resource_access.sozialraum-budget.roles',
      AUTH_ROLE_MAP: 'jugendamt-controlling=controller',
      AUTH_TENANT_CLAIM: '/mandanten/{tenant}',
      AUTH_PROVIDER_CLAIM: '/traeger/{provider}',
      AUTH_GROUPS_CLAIM: 'gruppen',
      AUTH_JWKS_COOLDOWN_SECONDS: '5',
    }).auth;
    expect(auth.claims).toEqual({
      roles: 'resource_access.sozialraum-budget.roles',
      roleMap: { 'jugendamt-controlling': 'controller' },
      tenant: '/mandanten/{tenant}',
      provider: '/traeger/{provider}',
      groupsClaim: 'gruppen',
    });
    expect(auth.jwksCooldownSeconds).toBe(5);
    expect(() => loadConfig({ AUTH_ROLE_MAP: 'admins=root' })).toThrow(ConfigError);
  });

  it('creates the demo tenant only outside production and unless SEED_DEMO=false', () => {
    expect(loadConfig({ SEED_DEMO: 'false' }).seedDemo).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test' }).seedDemo).toBe(true);
    expect(
      loadConfig({
        NODE_ENV: 'production',
        SEED_DEMO: 'true',
        AUTH_JWKS_URL: 'https://idp.example/certs',
        AUTH_ISSUER: 'https://idp.example',
        AUTH_AUDIENCE: 'x',
      }).seedDemo,
    ).toBe(false);
  });

  it('treats an empty variable as unset, as docker compose passes ${VAR:-} through', () => {
    const config = loadConfig({
      NODE_ENV: '',
      PORT: '',
      DATABASE_URL: '',
      AUTH_JWKS_URL: '',
      AUTH_ISSUER: '',
      AUTH_AUDIENCE: '',
      AUDIT_SEAL_KEY: '',
      RUN_PROJECTIONS: '',
    });
    expect(config.nodeEnv).toBe('development');
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.runProjections).toBe(true);
    expect(config.auditSealKey).toBeUndefined();
    expect(config.auth).toMatchObject({ mode: 'dev', issuer: DEV_ISSUER, audience: DEFAULT_AUDIENCE });
  });

  it('refuses production without the identity provider, and an identity provider without issuer and audience', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', AUTH_JWKS_URL: '', AUTH_ISSUER: '', AUTH_AUDIENCE: '' })).toThrow(/AUTH_JWKS_URL/);
    expect(() => loadConfig({ AUTH_JWKS_URL: 'https://idp.example/certs', AUTH_ISSUER: '', AUTH_AUDIENCE: 'x' })).toThrow(/AUTH_ISSUER/);
    const production = loadConfig({
      NODE_ENV: 'production',
      AUTH_JWKS_URL: 'https://idp.example/certs',
      AUTH_ISSUER: 'https://idp.example/realms/hro',
      AUTH_AUDIENCE: 'sozialraum-budget',
    });
    expect(production.auth.mode).toBe('oidc');
  });

  it('reads RUN_PROJECTIONS=false and refuses malformed numbers', () => {
    expect(loadConfig({ RUN_PROJECTIONS: 'false' }).runProjections).toBe(false);
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => loadConfig({ DB_POOL_MAX: '-1' })).toThrow(/DB_POOL_MAX/);
  });

  it('reads TRUST_PROXY (default off) and refuses anything but a flag, a hop count or proxy addresses', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1,loopback' }).trustProxy).toBe('10.0.0.0/8,127.0.0.1,loopback');
    expect(() => loadConfig({ TRUST_PROXY: 'yes please' })).toThrow(/TRUST_PROXY/);
  });

  it('takes LOG_LEVEL (info by default) and refuses unknown levels', () => {
    expect(loadConfig({ LOG_LEVEL: 'warn' }).logLevel).toBe('warn');
    expect(loadConfig({}).logLevel).toBe('info');
    expect(loadConfig({ LOG_LEVEL: 'debug' }).logLevel).toBe('debug');
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });
});
