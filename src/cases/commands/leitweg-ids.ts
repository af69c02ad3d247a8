import { Injectable } from '@nestjs/common';
import { isLeitwegId } from '../domain/xrechnung/leitweg-id';

/**
 * The Leitweg-ID each tenant (Jugendamt) receives XRechnungen under, from XRECHNUNG_LEITWEG_IDS:
 * "tenant=Leitweg-ID" pairs separated by commas, e.g. "HRO-JA=13003000-JUGENDAMT-35". Read once
 * at start; an entry that is not a valid Leitweg-ID stops the start instead of refusing every
 * invoice later. A tenant without an entry receives no XRechnung (the intake says so).
 */
@Injectable()
export class LeitwegIds {
  private readonly byTenant: ReadonlyMap<string, string>;

  constructor() {
    this.byTenant = parseLeitwegIds(process.env.XRECHNUNG_LEITWEG_IDS ?? '');
  }

  of(tenantId: string): string | null {
    return this.byTenant.get(tenantId) ?? null;
  }
}

export function parseLeitwegIds(value: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const entry of value
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const [tenant, leitwegId, ...rest] = entry.split('=').map((p) => p.trim());
    if (!tenant || !leitwegId || rest.length > 0 || !isLeitwegId(leitwegId))
      throw new Error(`XRECHNUNG_LEITWEG_IDS: "${entry}" is not "tenant=Leitweg-ID" with a valid Leitweg-ID`);
    if (map.has(tenant)) throw new Error(`XRECHNUNG_LEITWEG_IDS: tenant ${tenant} is named twice`);
    map.set(tenant, leitwegId.toUpperCase());
  }
  return map;
}
