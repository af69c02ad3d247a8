/**
 * Stream ids. Every id starts with the tenant, so streams of two Jugendämter can never meet and
 * a lookup with another tenant's token finds nothing (404).
 */
export const streams = {
  sozialraum: (tenantId: string, sozialraumId: string) => `${tenantId}/sozialraum/${sozialraumId}`,
  provider: (tenantId: string, providerId: string) => `${tenantId}/provider/${providerId}`,
  rateAgreements: (tenantId: string, providerId: string) => `${tenantId}/rates/${providerId}`,
  contract: (tenantId: string, sozialraumId: string) => `${tenantId}/contract/${sozialraumId}`,
  /** The Sozialraumbudget of one year: planning, freezes and all flexible money of the year. */
  budget: (tenantId: string, sozialraumId: string, fiscalYear: number) => `${tenantId}/budget/${sozialraumId}/${fiscalYear}`,
  /** A case (pseudonymous reference) with its approvals, invoices, payments and revenue. */
  case: (tenantId: string, caseRef: string) => `${tenantId}/case/${caseRef}`,
  /** Steering of one Sozialraum-year: thresholds, procedures, month closes, settlement. */
  steering: (tenantId: string, sozialraumId: string, fiscalYear: number) => `${tenantId}/steering/${sozialraumId}/${fiscalYear}`,
  /** The tenant's own Wirksamkeitsindikatoren (R12), versioned by effective date. */
  indicatorCatalogue: (tenantId: string) => `${tenantId}/indicator-catalogue`,
  /** Dated facts of every Sozialraum from the municipal statistics office (one import, one append). */
  statistics: (tenantId: string) => `${tenantId}/statistics`,
  /** The target agreement (Zielvereinbarung) of a Sozialraum-year, every version. */
  targetAgreement: (tenantId: string, sozialraumId: string, fiscalYear: number) => `${tenantId}/target-agreement/${sozialraumId}/${fiscalYear}`,
  /** The interface to the municipal Finanzverfahren: its configuration, the batches of payment orders, the payment feedback. */
  finanzverfahren: (tenantId: string) => `${tenantId}/finanzverfahren`,
  /** Reported indicator values of a Sozialraum-year, corrections included. */
  indicatorReports: (tenantId: string, sozialraumId: string, fiscalYear: number) => `${tenantId}/indicator-reports/${sozialraumId}/${fiscalYear}`,
};

/**
 * The API resource that shows a stream's state (for the Location of an answer that can only say
 * which streams a request wrote); undefined for a stream no single resource shows.
 */
export function resourceOfStream(streamId: string): string | undefined {
  const [, kind, ...rest] = streamId.split('/');
  const path = rest.map(encodeURIComponent).join('/');
  switch (kind) {
    case 'sozialraum':
      return `/sozialraeume/${path}`;
    case 'provider':
      return `/providers/${path}`;
    case 'rates':
      return `/providers/${path}/rate-agreements`;
    case 'contract':
      return `/budget-contracts/${path}`;
    case 'budget':
      return `/budgets/${path}`;
    case 'case':
      return `/cases/${path}`;
    case 'steering':
      return `/steering/${path}`;
    case 'target-agreement':
      return `/wirkung/${path}/target-agreements`;
    case 'indicator-reports':
      return `/wirkung/${path}/reports`;
    case 'indicator-catalogue':
      return '/indicators';
    case 'finanzverfahren':
      return '/finanzverfahren/batches';
    default:
      return undefined;
  }
}
