import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { StoredEvent } from '../../../libs/event-store/event-store.port';
import { AsProjection, Projection } from '../../../libs/event-store/nest/projection.decorator';

/**
 * The list views of Sozialräume and providers (filterable, paged); the full history is read from
 * the streams on the detail endpoints.
 */
@Injectable()
@AsProjection('master-data-lists')
export class MasterDataListsProjection implements Projection {
  readonly tables = ['md_sozialraeume', 'md_providers'];

  async handle(events: StoredEvent[], manager: EntityManager): Promise<void> {
    for (const event of events) {
      const tenantId = event.metadata.tenantId;
      const d: any = event.data;
      switch (event.type) {
        case 'SozialraumRegistered':
          await manager.query(
            `insert into md_sozialraeume (tenant_id, sozialraum_id, name, residents, residents_under_21, valid_from, version)
             values ($1, $2, $3, $4, $5, $6, $7) on conflict do nothing`,
            [tenantId, d.sozialraumId, d.name, d.residents, d.residentsUnder21, d.validFrom, event.streamVersion],
          );
          break;
        case 'SozialraumChanged':
          // The list shows the latest version by its validity date (a correction of an older
          // version does not replace newer facts); the detail view has the whole history.
          await manager.query(
            `update md_sozialraeume set version = $3,
               name = case when $6::date >= valid_from then $4 else name end,
               residents = case when $6::date >= valid_from then $5 else residents end,
               residents_under_21 = case when $6::date >= valid_from then $7 else residents_under_21 end,
               valid_from = greatest(valid_from, $6::date)
             where tenant_id = $1 and sozialraum_id = $2`,
            [tenantId, d.sozialraumId, event.streamVersion, d.name, d.residents, d.validFrom, d.residentsUnder21],
          );
          break;
        case 'TraegerverbundFormed':
          // Like the facts: a Verbund recorded later but effective earlier does not replace a newer one.
          await manager.query(
            `update md_sozialraeume set version = $3,
               lead_provider_id = case when verbund_effective_from is null or $6::date >= verbund_effective_from then $4 else lead_provider_id end,
               member_provider_ids = case when verbund_effective_from is null or $6::date >= verbund_effective_from then $5 else member_provider_ids end,
               verbund_effective_from = greatest(verbund_effective_from, $6::date)
             where tenant_id = $1 and sozialraum_id = $2`,
            [tenantId, d.sozialraumId, event.streamVersion, d.leadProviderId, d.memberProviderIds, d.effectiveFrom],
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
