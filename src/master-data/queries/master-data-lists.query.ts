import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Page, decodeCursor, toPage } from '../../../libs/http/pagination';
import { ProviderListQuery, SozialraumListQuery } from './master-data-list.dtos';

export interface SozialraumListItem {
  sozialraumId: string;
  name: string;
  residents: number | null;
  residentsUnder21: number | null;
  validFrom: string;
  leadProviderId: string | null;
  memberProviderIds: string[];
  version: number;
}

export interface ProviderListItem {
  providerId: string;
  name: string;
  legalForm: string;
  version: number;
}

/** Keyset pages over the master-data list projection, always within the caller's tenant. */
@Injectable()
export class MasterDataListsQuery {
  constructor(private readonly dataSource: DataSource) {}

  async sozialraeume(tenantId: string, query: SozialraumListQuery): Promise<Page<SozialraumListItem>> {
    const limit = query.limit ?? 50;
    const after = decodeCursor(query.cursor, ['string']);
    const rows = await this.dataSource.query(
      `select sozialraum_id, name, residents, residents_under_21, valid_from, lead_provider_id, member_provider_ids, version
         from md_sozialraeume
        where tenant_id = $1 and ($2::text is null or lead_provider_id = $2) and ($3::text is null or sozialraum_id > $3)
        order by sozialraum_id limit $4`,
      [tenantId, query.leadProviderId ?? null, after ? String(after[0]) : null, limit + 1],
    );
    const page = toPage(rows as any[], limit, (r) => [r.sozialraum_id]);
    return {
      nextCursor: page.nextCursor,
      items: page.items.map((r) => ({
        sozialraumId: r.sozialraum_id,
        name: r.name,
        residents: r.residents,
        residentsUnder21: r.residents_under_21,
        validFrom: r.valid_from,
        leadProviderId: r.lead_provider_id,
        memberProviderIds: r.member_provider_ids,
        version: r.version,
      })),
    };
  }

  async providers(tenantId: string, query: ProviderListQuery): Promise<Page<ProviderListItem>> {
    const limit = query.limit ?? 50;
    const after = decodeCursor(query.cursor, ['string']);
    const pattern = query.nameContains ? `%${query.nameContains.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    const rows = await this.dataSource.query(
      `select provider_id, name, legal_form, version from md_providers
        where tenant_id = $1 and ($2::text is null or name ilike $2) and ($3::text is null or provider_id > $3)
        order by provider_id limit $4`,
      [tenantId, pattern, after ? String(after[0]) : null, limit + 1],
    );
    const page = toPage(rows as any[], limit, (r) => [r.provider_id]);
    return {
      nextCursor: page.nextCursor,
      items: page.items.map((r) => ({ providerId: r.provider_id, name: r.name, legalForm: r.legal_form, version: r.version })),
    };
  }
}
