/** What flexible money needs of the master data: that a provider to be subsidised is registered. */
export abstract class ProviderDirectory {
  abstract exists(tenantId: string, providerId: string): Promise<boolean>;
}
