import { decideMetricsAccess, metricsNetworks } from './metrics-access';

describe('access to /metrics', () => {
  const networks = metricsNetworks(['127.0.0.1/8', '::1', '10.20.0.0/16']);
  const access = { token: 'scrape-secret-123', networks: [] };

  it('lets a scraper from a configured network with the token in', () => {
    expect(decideMetricsAccess(access, networks, '127.0.0.1', 'Bearer scrape-secret-123')).toBe('allowed');
    expect(decideMetricsAccess(access, networks, '::ffff:10.20.3.4', 'Bearer scrape-secret-123')).toBe('allowed');
    expect(decideMetricsAccess(access, networks, '::1', 'Bearer scrape-secret-123')).toBe('allowed');
  });

  it('refuses other networks even with the token, and a wrong or missing token', () => {
    expect(decideMetricsAccess(access, networks, '192.168.1.5', 'Bearer scrape-secret-123')).toBe('network');
    expect(decideMetricsAccess(access, networks, '127.0.0.1', 'Bearer scrape-secret-124')).toBe('token');
    expect(decideMetricsAccess(access, networks, '127.0.0.1', 'Bearer short')).toBe('token');
    expect(decideMetricsAccess(access, networks, '127.0.0.1', undefined)).toBe('token');
  });

  it('is off without a configured token', () => {
    expect(decideMetricsAccess({ networks: [] }, networks, '127.0.0.1', 'Bearer anything')).toBe('disabled');
  });

  it('refuses a malformed network in the configuration', () => {
    expect(() => metricsNetworks(['10.0.0.0/33'])).toThrow(/METRICS_ALLOW/);
    expect(() => metricsNetworks(['intranet'])).toThrow(/METRICS_ALLOW/);
  });
});
