import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { todayInBerlin } from '../../../libs/calendar';
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

interface SozialraumRow {
  sozialraum_id: string;
  name: string;
  residents: number | null;
  residents_under_21: number | null;
  valid_from: string;
  lead_provider_id: string | null;
  member_provider_ids: string[];
  version: number;
}

interface ProviderRow {
  provider_id: string;
  name: string;
  legal_form: string;
  version: number;
}

/** Keyset pages over the master-data list projection, always within the caller's tenant. */
@Injectable()
export class MasterDataListsQuery {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Each Sozialraum with the facts and the Trägerverbund in force today (Europe/Berlin); a
   * Sozialraum whose first version lies in the future is listed with that version. The
   * leadProviderId filter asks for the lead in force today. The detail endpoint has the history.
   */
  async sozialraeume(tenantId: string, query: SozialraumListQuery, today: string = todayInBerlin()): Promise<Page<SozialraumListItem>> {
    const limit = query.limit ?? 50;
    const after = decodeCursor(query.cursor, ['string']);
    const rows: SozialraumRow[] = await this.dataSource.query(
      `select s.sozialraum_id, f.name, f.residents, f.residents_under_21, f.valid_from, v.lead_provider_id,
              coalesce(v.member_provider_ids, '{}') as member_provider_ids, s.version
         from md_sozialraeume s
         cross join lateral (
           select f.name, f.residents, f.residents_under_21, f.valid_from from md_sozialraum_versions f
            where f.tenant_id = s.tenant_id and f.sozialraum_id = s.sozialraum_id
            order by (f.valid_from <= $5::date) desc, case when f.valid_from <= $5::date then f.valid_from end desc nulls last, f.valid_from
            limit 1) f
         left join lateral (
           select v.lead_provider_id, v.member_provider_ids from md_verbund_versions v
            where v.tenant_id = s.tenant_id and v.sozialraum_id = s.sozialraum_id and v.effective_from <= $5::date
            order by v.effective_from desc
            limit 1) v on true
        where s.tenant_id = $1 and ($2::text is null or v.lead_provider_id = $2) and ($3::text is null or s.sozialraum_id > $3)
        order by s.sozialraum_id limit $4`,
      [tenantId, query.leadProviderId ?? null, after ? String(after[0]) : null, limit + 1, today],
    );
    const page = toPage(rows, limit, (r) => [r.sozialraum_id]);
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
    const rows: ProviderRow[] = await this.dataSource.query(
      `select provider_id, name, legal_form, version from md_providers
        where tenant_id = $1 and ($2::text is null or name ilike $2) and ($3::text is null or provider_id > $3)
        order by provider_id limit $4`,
      [tenantId, pattern, after ? String(after[0]) : null, limit + 1],
    );
    const page = toPage(rows, limit, (r) => [r.provider_id]);
    return {
      nextCursor: page.nextCursor,
      items: page.items.map((r) => ({ providerId: r.provider_id, name: r.name, legalForm: r.legal_form, version: r.version })),
    };
  }
}
