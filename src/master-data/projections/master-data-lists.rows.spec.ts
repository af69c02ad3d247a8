import { stored } from '../../../test/support/stored-event';
import { ProviderEvent } from '../domain/provider';
import { SozialraumEvent } from '../domain/sozialraum';
import { masterDataListChanges } from './master-data-lists.rows';

const on = (event: SozialraumEvent | ProviderEvent | { type: string; data: unknown }, streamVersion: number, streamId = 'HRO-JA/sozialraum/HRO-TW') =>
  stored(streamId, event, { streamVersion });
const sozialraum = { tenant_id: 'HRO-JA', sozialraum_id: 'HRO-TW' };
const versionKey = ['tenant_id', 'sozialraum_id', 'valid_from'];

describe('master data list rows', () => {
  it('lists a registered Sozialraum and keeps each version of its facts by its date, a later one with the same date correcting it', () => {
    const changes = masterDataListChanges([
      on(
        {
          type: 'SozialraumRegistered',
          data: { sozialraumId: 'HRO-TW', validFrom: '2024-01-01', name: 'Toitenwinkel', residents: 14200, residentsUnder21: 2900 },
        },
        1,
      ),
      on(
        {
          type: 'SozialraumChanged',
          data: { sozialraumId: 'HRO-TW', validFrom: '2025-01-01', reason: 'Statistik', name: 'Toitenwinkel', residents: 14350, residentsUnder21: null },
        },
        2,
      ),
    ]);
    expect(changes).toEqual([
      { kind: 'insert', table: 'md_sozialraeume', row: { ...sozialraum, version: 1 }, onConflict: 'ignore' },
      {
        kind: 'upsert',
        table: 'md_sozialraum_versions',
        row: { ...sozialraum, valid_from: '2024-01-01', name: 'Toitenwinkel', residents: 14200, residents_under_21: 2900 },
        key: versionKey,
        onConflict: 'replace',
      },
      { kind: 'update', table: 'md_sozialraeume', where: sozialraum, set: { version: 2 } },
      {
        kind: 'upsert',
        table: 'md_sozialraum_versions',
        row: { ...sozialraum, valid_from: '2025-01-01', name: 'Toitenwinkel', residents: 14350, residents_under_21: null },
        key: versionKey,
        onConflict: 'replace',
      },
    ]);
  });

  it('writes figures that stored events leave out as unknown', () => {
    const changes = masterDataListChanges([
      on({ type: 'SozialraumRegistered', data: { sozialraumId: 'HRO-TW', validFrom: '2024-01-01', name: 'Toitenwinkel' } }, 1),
    ]);
    expect(changes[1]).toMatchObject({ row: { residents: null, residents_under_21: null } });
  });

  it('keeps each Trägerverbund by its effective date', () => {
    const formed = on(
      {
        type: 'TraegerverbundFormed',
        data: { sozialraumId: 'HRO-TW', effectiveFrom: '2025-01-01', leadProviderId: 'TR-E', memberProviderIds: ['TR-E', 'TR-K'] },
      },
      3,
    );
    expect(masterDataListChanges([formed])).toEqual([
      { kind: 'update', table: 'md_sozialraeume', where: sozialraum, set: { version: 3 } },
      {
        kind: 'upsert',
        table: 'md_verbund_versions',
        row: { ...sozialraum, effective_from: '2025-01-01', lead_provider_id: 'TR-E', member_provider_ids: ['TR-E', 'TR-K'] },
        key: ['tenant_id', 'sozialraum_id', 'effective_from'],
        onConflict: 'replace',
      },
    ]);
  });

  it('lists providers and follows their changes', () => {
    const stream = 'HRO-JA/provider/TR-E';
    const changes = masterDataListChanges([
      on({ type: 'ProviderRegistered', data: { providerId: 'TR-E', name: 'Jugendhilfeverbund Nordost e.V.', legalForm: 'e.V.' } }, 1, stream),
      on(
        { type: 'ProviderChanged', data: { providerId: 'TR-E', reason: 'Umwandlung', name: 'Jugendhilfeverbund Nordost gGmbH', legalForm: 'gGmbH' } },
        2,
        stream,
      ),
    ]);
    const provider = { tenant_id: 'HRO-JA', provider_id: 'TR-E' };
    expect(changes).toEqual([
      {
        kind: 'insert',
        table: 'md_providers',
        row: { ...provider, name: 'Jugendhilfeverbund Nordost e.V.', legal_form: 'e.V.', version: 1 },
        onConflict: 'ignore',
      },
      { kind: 'update', table: 'md_providers', where: provider, set: { name: 'Jugendhilfeverbund Nordost gGmbH', legal_form: 'gGmbH', version: 2 } },
    ]);
  });

  it('ignores other events', () => {
    expect(masterDataListChanges([on({ type: 'RateAgreementConcluded', data: { agreementId: 'EV-TR-E-1' } }, 1, 'HRO-JA/rates/TR-E')])).toEqual([]);
  });
});
