import { StoredEvent } from '../../../libs/event-store/event-store.port';
import { eventsOf } from '../../../libs/event-store/event-union';
import { RowChange } from '../../../libs/event-store/row-changes';
import { ProviderEvent } from '../domain/provider';
import { SozialraumEvent } from '../domain/sozialraum';

export type MasterDataListTables = {
  md_sozialraeume: { tenant_id: string; sozialraum_id: string; version: number };
  md_sozialraum_versions: {
    tenant_id: string;
    sozialraum_id: string;
    valid_from: string;
    name: string;
    residents: number | null;
    residents_under_21: number | null;
  };
  md_verbund_versions: { tenant_id: string; sozialraum_id: string; effective_from: string; lead_provider_id: string; member_provider_ids: readonly string[] };
  md_providers: { tenant_id: string; provider_id: string; name?: string; legal_form?: string; version: number };
};
export type MasterDataListChange = RowChange<MasterDataListTables>;

const isMasterDataEvent = eventsOf<SozialraumEvent | ProviderEvent>({
  SozialraumRegistered: true,
  SozialraumChanged: true,
  TraegerverbundFormed: true,
  ProviderRegistered: true,
  ProviderChanged: true,
});

/**
 * The changes of the list views of Sozialräume and providers. Sozialraum facts and
 * Trägerverbünde have validity dates and "today" is not known to a projection (a rebuild replays
 * old events on a later day), so every version is kept by its date (a change with the date of an
 * existing version corrects it, as in the stream); the list query picks the one in force.
 */
export function masterDataListChanges(events: readonly StoredEvent[]): MasterDataListChange[] {
  const changes: MasterDataListChange[] = [];
  for (const event of events) {
    if (!isMasterDataEvent(event)) continue;
    const tenantId = event.metadata.tenantId;
    const version = event.streamVersion;
    switch (event.type) {
      case 'SozialraumRegistered':
      case 'SozialraumChanged': {
        const d = event.data;
        const sozialraum = { tenant_id: tenantId, sozialraum_id: d.sozialraumId };
        if (event.type === 'SozialraumRegistered')
          changes.push({ kind: 'insert', table: 'md_sozialraeume', row: { ...sozialraum, version }, onConflict: 'ignore' });
        else changes.push({ kind: 'update', table: 'md_sozialraeume', where: sozialraum, set: { version } });
        changes.push({
          kind: 'upsert',
          table: 'md_sozialraum_versions',
          row: { ...sozialraum, valid_from: d.validFrom, name: d.name, residents: d.residents ?? null, residents_under_21: d.residentsUnder21 ?? null },
          key: ['tenant_id', 'sozialraum_id', 'valid_from'],
          onConflict: 'replace',
        });
        break;
      }
      case 'TraegerverbundFormed': {
        const d = event.data;
        const sozialraum = { tenant_id: tenantId, sozialraum_id: d.sozialraumId };
        changes.push({ kind: 'update', table: 'md_sozialraeume', where: sozialraum, set: { version } });
        changes.push({
          kind: 'upsert',
          table: 'md_verbund_versions',
          row: { ...sozialraum, effective_from: d.effectiveFrom, lead_provider_id: d.leadProviderId, member_provider_ids: d.memberProviderIds },
          key: ['tenant_id', 'sozialraum_id', 'effective_from'],
          onConflict: 'replace',
        });
        break;
      }
      case 'ProviderRegistered':
        changes.push({
          kind: 'insert',
          table: 'md_providers',
          row: { tenant_id: tenantId, provider_id: event.data.providerId, name: event.data.name, legal_form: event.data.legalForm, version },
          onConflict: 'ignore',
        });
        break;
      case 'ProviderChanged':
        changes.push({
          kind: 'update',
          table: 'md_providers',
          where: { tenant_id: tenantId, provider_id: event.data.providerId },
          set: { name: event.data.name, legal_form: event.data.legalForm, version },
        });
        break;
    }
  }
  return changes;
}
