import { loadConfig } from '../config/app-config';
import { provisionDatabase } from './provision';

describe('provisioning the database', () => {
  it('refuses to start the embedded PostgreSQL in production: it is a development dependency', async () => {
    const config = loadConfig({ NODE_ENV: 'production', AUTH_JWKS_URL: 'https://idp.example/certs', AUTH_ISSUER: 'https://idp.example', AUTH_AUDIENCE: 'x' });
    await expect(provisionDatabase(config, [], () => undefined)).rejects.toThrow('NODE_ENV=production needs DATABASE_URL');
  });
});
