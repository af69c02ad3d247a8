import { BlockList, isIPv4, isIPv6 } from 'node:net';
import { timingSafeEqual } from 'node:crypto';

/**
 * Who may read /metrics: a scraper from one of the configured networks (METRICS_ALLOW, CIDR
 * list, loopback by default) that presents the configured token (METRICS_TOKEN). Without a
 * token configured the endpoint is off: metrics show tenants' activity and are not for everyone.
 */
export interface MetricsAccess {
  token?: string;
  networks: string[];
}

export type MetricsDecision = 'allowed' | 'disabled' | 'network' | 'token';

export function metricsNetworks(networks: string[]): BlockList {
  const list = new BlockList();
  for (const network of networks) {
    const [address, bits] = network.split('/');
    const family = isIPv6(address) ? 'ipv6' : 'ipv4';
    if (!isIPv4(address) && !isIPv6(address)) throw new Error(`METRICS_ALLOW: ${network} is not an address or CIDR range`);
    const prefix = bits === undefined ? (family === 'ipv4' ? 32 : 128) : Number(bits);
    if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 'ipv4' ? 32 : 128))
      throw new Error(`METRICS_ALLOW: ${network} has no valid prefix length`);
    list.addSubnet(address, prefix, family);
  }
  return list;
}

export function decideMetricsAccess(access: MetricsAccess, networks: BlockList, clientIp: string, authorization: string | undefined): MetricsDecision {
  if (!access.token) return 'disabled';
  // An IPv4 client on a dual-stack socket arrives as ::ffff:a.b.c.d.
  const ip = clientIp.startsWith('::ffff:') && isIPv4(clientIp.slice(7)) ? clientIp.slice(7) : clientIp;
  const family = isIPv6(ip) ? 'ipv6' : 'ipv4';
  if (!networks.check(ip, family)) return 'network';
  const presented = /^Bearer (.+)$/.exec(authorization ?? '')?.[1] ?? '';
  const expected = Buffer.from(access.token);
  const given = Buffer.from(presented);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'token';
  return 'allowed';
}
