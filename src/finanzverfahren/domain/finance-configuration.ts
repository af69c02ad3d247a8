import { refuse } from '../../../libs/ddd/domain-error';
import { text } from '../../../libs/text/text';
import { FINANZVERFAHREN_PROBLEMS } from '../finanzverfahren.problems';
import { PaymentOrder } from './payment-order';

/** Which Sachkonto an order is booked to: by category, and more specifically by legal basis. */
export interface AccountRule {
  category: 'FS' | 'FUE' | 'FU';
  legalBasis: string | null;
  sachkonto: string;
}

/** The tenant's mapping to its Finanzverfahren, versioned by effective date. */
export interface FinanceConfiguration {
  effectiveFrom: string;
  /** Produkt of the municipal budget (363: Kinder- und Jugendhilfe). */
  produkt: string;
  accounts: AccountRule[];
  /** Creditor numbers of the providers in the Finanzverfahren. */
  creditors: Array<{ providerId: string; creditorNumber: string }>;
  reason: string;
}

export function configurationOn(versions: FinanceConfiguration[], date: string): FinanceConfiguration | null {
  let found: FinanceConfiguration | null = null;
  for (const version of [...versions].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom))) if (version.effectiveFrom <= date) found = version;
  return found;
}

/** The rule for the order's legal basis if there is one, else the category's. */
export function sachkontoFor(config: FinanceConfiguration, order: PaymentOrder): string | null {
  const specific = config.accounts.find((r) => r.category === order.category && r.legalBasis !== null && r.legalBasis === order.legalBasis);
  return (specific ?? config.accounts.find((r) => r.category === order.category && r.legalBasis === null))?.sachkonto ?? null;
}

export function creditorNumberOf(config: FinanceConfiguration, providerId: string): string | null {
  return config.creditors.find((c) => c.providerId === providerId)?.creditorNumber ?? null;
}

/** A configuration must map every category, and name each rule and provider once. */
export function checkConfiguration(config: FinanceConfiguration): void {
  for (const category of ['FS', 'FUE', 'FU'] as const)
    if (!config.accounts.some((r) => r.category === category && r.legalBasis === null))
      refuse(
        FINANZVERFAHREN_PROBLEMS['configuration-incomplete'],
        text(`accounts: Für die Kategorie ${category} fehlt ein Sachkonto (ohne Rechtsgrundlage).`, `accounts: category ${category} has no Sachkonto.`),
        { field: 'accounts' },
      );
  const keys = config.accounts.map((r) => `${r.category}|${r.legalBasis ?? ''}`);
  const twice = keys.find((k, i) => keys.indexOf(k) !== i);
  if (twice)
    refuse(
      FINANZVERFAHREN_PROBLEMS['configuration-incomplete'],
      text(`accounts: ${twice.replace('|', ' § ')} ist zweimal genannt.`, `accounts: ${twice} twice.`),
      {
        field: 'accounts',
      },
    );
  const providers = config.creditors.map((c) => c.providerId);
  const dup = providers.find((p, i) => providers.indexOf(p) !== i);
  if (dup)
    refuse(FINANZVERFAHREN_PROBLEMS['configuration-incomplete'], text(`creditors: ${dup} ist zweimal genannt.`, `creditors: ${dup} twice.`), {
      field: 'creditors',
    });
}
