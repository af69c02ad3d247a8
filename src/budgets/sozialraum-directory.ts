/**
 * What budgets need to know of the master data: that a Sozialraum exists, and which provider
 * leads its Trägerverbund on a date (the Jugendamt's counterpart in shared responsibility).
 */
export abstract class SozialraumDirectory {
  abstract exists(tenantId: string, sozialraumId: string): Promise<boolean>;
  abstract leadProviderOn(tenantId: string, sozialraumId: string, date: string): Promise<string | null>;
}
