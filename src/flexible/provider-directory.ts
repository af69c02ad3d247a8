/** What flexible money needs of the master data: registered providers and the Trägerverbund by date. */
export abstract class ProviderDirectory {
  abstract exists(tenantId: string, providerId: string): Promise<boolean>;
  /** Lead and member providers of a Sozialraum's Trägerverbund in force on a date (null: none). */
  abstract verbundOn(tenantId: string, sozialraumId: string, date: string): Promise<{ leadProviderId: string; memberIds: string[] } | null>;
}
