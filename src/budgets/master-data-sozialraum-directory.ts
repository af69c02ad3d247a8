import { Injectable } from '@nestjs/common';
import { MasterDataQueries } from '../master-data';
import { SozialraumDirectory } from './sozialraum-directory';

/** The Sozialraum directory answered by the master data (immediately consistent). */
@Injectable()
export class MasterDataSozialraumDirectory extends SozialraumDirectory {
  constructor(private readonly masterData: MasterDataQueries) {
    super();
  }

  async exists(tenantId: string, sozialraumId: string): Promise<boolean> {
    return (await this.masterData.getSozialraum(tenantId, sozialraumId)) !== null;
  }

  async leadProviderOn(tenantId: string, sozialraumId: string, date: string): Promise<string | null> {
    return (await this.masterData.traegerverbundOn(tenantId, sozialraumId, date))?.leadProviderId ?? null;
  }
}
