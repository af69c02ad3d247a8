import { Injectable } from '@nestjs/common';
import { MasterDataQueries } from '../master-data';
import { ProviderDirectory } from './provider-directory';

/** The provider directory answered by the master data (immediately consistent). */
@Injectable()
export class MasterDataProviderDirectory extends ProviderDirectory {
  constructor(private readonly masterData: MasterDataQueries) {
    super();
  }

  async exists(tenantId: string, providerId: string): Promise<boolean> {
    return (await this.masterData.getProvider(tenantId, providerId)) !== null;
  }

  verbundOn(tenantId: string, sozialraumId: string, date: string) {
    return this.masterData.traegerverbundOn(tenantId, sozialraumId, date);
  }
}
