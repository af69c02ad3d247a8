import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { StoredEvent } from '../../../libs/event-store/event-store.port';
import { AsProjection, Projection } from '../../../libs/event-store/nest/projection.decorator';

/**
 * The list views of Sozialräume and providers (filterable, paged); the full history is read from
 * the streams on the detail endpoints.
 *
 * Sozialraum facts and Trägerverbünde have validity dates, and the list shows the version in force
 * today. "Today" is not known to a projection (a rebuild replays old events on a later day), so
 * every version is kept, keyed by its date (a change with the date of an existing version corrects
 * it, as in the stream), and the list query picks the one in force when it is read.
 */
@Injectable()
@AsProjection('master-data-lists')
export class MasterDataListsProjection implements Projection {
  readonly tables = ['md_sozialraeume', 'md_sozialraum_versions', 'md_verbund_versions', 'md_providers'];

  async handle(events: StoredEvent[], manager: EntityManager): Promise<void> {
    for (const event of events) {
      const tenantId = event.metadata.tenantId;
      const d: any = event.data;
      switch (event.type) {
        case 'SozialraumRegistered':
        case 'SozialraumChanged':
          if (event.type === 'SozialraumRegistered') {
            await manager.query(`insert into md_sozialraeume (tenant_id, sozialraum_id, version) values ($1, $2, $3) on conflict do nothing`, [
              tenantId,
              d.sozialraumId,
              event.streamVersion,
            ]);
          } else {
            await manager.query('update md_sozialraeume set version = $3 where tenant_id = $1 and sozialraum_id = $2', [tenantId, d.sozialraumId, event.streamVersion]);
          }
          await manager.query(
            `insert into md_sozialraum_versions (tenant_id, sozialraum_id, valid_from, name, residents, residents_under_21)
             values ($1, $2, $3, $4, $5, $6)
             on conflict (tenant_id, sozialraum_id, valid_from) do update
               set name = excluded.name, residents = excluded.residents, residents_under_21 = excluded.residents_under_21`,
            [tenantId, d.sozialraumId, d.validFrom, d.name, d.residents ?? null, d.residentsUnder21 ?? null],
          );
          break;
        case 'TraegerverbundFormed':
          await manager.query('update md_sozialraeume set version = $3 where tenant_id = $1 and sozialraum_id = $2', [tenantId, d.sozialraumId, event.streamVersion]);
          await manager.query(
            `insert into md_verbund_versions (tenant_id, sozialraum_id, effective_from, lead_provider_id, member_provider_ids)
             values ($1, $2, $3, $4, $5)
             on conflict (tenant_id, sozialraum_id, effective_from) do update
               set lead_provider_id = excluded.lead_provider_id, member_provider_ids = excluded.member_provider_ids`,
            [tenantId, d.sozialraumId, d.effectiveFrom, d.leadProviderId, d.memberProviderIds],
          );
          break;
        case 'ProviderRegistered':
          await manager.query(
            `insert into md_providers (tenant_id, provider_id, name, legal_form, version) values ($1, $2, $3, $4, $5) on conflict do nothing`,
            [tenantId, d.providerId, d.name, d.legalForm, event.streamVersion],
          );
          break;
        case 'ProviderChanged':
          await manager.query(`update md_providers set name = $3, legal_form = $4, version = $5 where tenant_id = $1 and provider_id = $2`, [
            tenantId,
            d.providerId,
            d.name,
            d.legalForm,
            event.streamVersion,
          ]);
          break;
      }
    }
  }
}
