import { failureLine } from '../../libs/cli/cli';
import { loadConfig } from '../../libs/config/app-config';
import { loadOrCreateDevKeys, signDevToken } from '../../libs/auth/dev-signing-key';
import { ROLES, Role } from '../../libs/auth/principal';

/** Prints a development token: npm run token -- --role controller --tenant HRO-JA [--provider TR-E]. */
async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const config = loadConfig();
  if (config.auth.mode !== 'dev') throw new Error('tokens can only be issued in development mode (no AUTH_JWKS_URL, NODE_ENV not production)');
  const roles = (args.role ?? '').split(',').filter(Boolean) as Role[];
  if (roles.length === 0 || roles.some((r) => !(ROLES as readonly string[]).includes(r))) {
    throw new Error(`--role must be one or more of ${ROLES.join(', ')} (comma-separated)`);
  }
  if (!args.tenant) throw new Error('--tenant is required (e.g. HRO-JA)');
  if (roles.includes('provider') && !args.provider) throw new Error('--provider is required for the provider role (e.g. TR-E)');
  const keys = await loadOrCreateDevKeys(config.dataDir);
  const token = await signDevToken(
    keys,
    { sub: args.sub ?? `${roles[0]}-1`, tenant: args.tenant, roles, provider: args.provider, name: args.name },
    args.ttl ? Number(args.ttl) : undefined,
  );
  process.stdout.write(`${token}\n`);
}

function parseArgs(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i];
    if (!key.startsWith('--')) throw new Error(`unexpected argument ${key}`);
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) throw new Error(`${key} needs a value`);
    out[key.slice(2)] = value;
    i++;
  }
  return out;
}

main().catch((error) => {
  process.stderr.write(`${failureLine(error)}\n`);
  process.exit(1);
});
